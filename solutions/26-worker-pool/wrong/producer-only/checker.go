// Kata 26, a tempting wrong fix: send the links from a goroutine of their
// own, and leave the wait for the workers where it was, before the reading.
//
// It is tempting because the caller no longer blocks on sending a link. But
// it now blocks in wg.Wait, still before reading a single result, and no
// worker can return while its result is unread: each worker sends its first
// result, waits for a reader, and the caller waits for the workers. The
// wait for the workers must not stand between the caller and the results
// either: it belongs on a goroutine of its own, which closes results.
package linkcheck

import "sync"

// Status is what checking one link found.
type Status struct {
	URL  string
	Code int // the HTTP status code, e.g. 200 or 404
}

// job is one link to check and its position in the caller's slice.
type job struct {
	i   int
	url string
}

// result is the Status found for the link at position i.
type result struct {
	i      int
	status Status
}

// CheckAll checks every link with check, on a pool of workers goroutines
// (workers must be at least 1), and returns the Status of links[i] at index
// i. check may be called from several goroutines at once.
func CheckAll(links []string, workers int, check func(url string) int) []Status {
	jobs := make(chan job)
	results := make(chan result)

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- result{i: j.i, status: Status{URL: j.url, Code: check(j.url)}}
			}
		}()
	}

	go func() {
		defer close(jobs)
		for i, url := range links {
			jobs <- job{i: i, url: url}
		}
	}()
	wg.Wait()
	close(results)

	statuses := make([]Status, len(links))
	for r := range results {
		statuses[r.i] = r.status
	}
	return statuses
}
