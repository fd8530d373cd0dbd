// Kata 26, a tempting wrong fix: drop the pool, one goroutine per link.
//
// Nothing deadlocks any more, but nothing limits the checks either: all the
// links are fetched at once, and the server sees far more than `workers`
// requests in flight. The probe counts them.
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
	results := make(chan result)

	var wg sync.WaitGroup
	for i, url := range links {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- result{i: i, status: Status{URL: url, Code: check(url)}}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	statuses := make([]Status, len(links))
	for r := range results {
		statuses[r.i] = r.status
	}
	return statuses
}
