// Kata 26, a tempting wrong fix: wait and close on a goroutine, but send
// every link before reading.
//
// The closer is right, but the caller still sends all the links before it
// reads a single result. Each worker blocks sending its first result, and
// the caller blocks sending the next link: the same deadlock as before, one
// step earlier.
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
		wg.Wait()
		close(results)
	}()

	for i, url := range links {
		jobs <- job{i: i, url: url}
	}
	close(jobs)

	statuses := make([]Status, len(links))
	for r := range results {
		statuses[r.i] = r.status
	}
	return statuses
}
