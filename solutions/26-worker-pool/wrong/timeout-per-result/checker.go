// Kata 26, a tempting wrong fix: send and wait on goroutines of their own,
// read meanwhile, and give up on a result that takes more than a second,
// "so that CheckAll can never hang again".
//
// It is tempting because the jam is gone and every quick check is reported.
// But a server may take longer than any such bound to answer, and its link
// belongs in the report all the same: the reader gives up, CheckAll returns
// a report with zero Statuses for the links still missing, and the workers
// that finish later block forever on a result nobody reads, with the
// goroutine that was to close the channel after them. Only the checks
// themselves bound the wait.
package linkcheck

import (
	"sync"
	"time"
)

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
		for i, url := range links {
			jobs <- job{i: i, url: url}
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()

	statuses := make([]Status, len(links))
	for {
		select {
		case r, ok := <-results:
			if !ok {
				return statuses
			}
			statuses[r.i] = r.status
		case <-time.After(time.Second):
			return statuses // a stuck worker must not hang the release
		}
	}
}
