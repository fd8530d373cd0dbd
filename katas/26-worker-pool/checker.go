// Kata 26 · A worker pool that waits before it reads
//
// A publisher checks every link on its website before each release. CheckAll
// hands the links to a fixed pool of workers, so the server is never asked
// for more than `workers` pages at once: the workers take links from one
// channel and send what they found on another. The caller sends every link,
// waits for the workers to finish, and only then reads their findings. But a
// worker cannot finish while its finding is unread: with one link or a
// thousand, CheckAll never returns, and the specs report a DEADLOCK.
//
// Your job: make CheckAll return one Status per link, in link order.
// Keep the pool of exactly `workers` goroutines and the API; no time.Sleep.
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

	// TODO: nothing reads results until every link is sent and every worker
	// has returned, yet a worker cannot take its next link, let alone
	// return, while its last result is unread. Which of these steps must run
	// on a goroutine of their own, so that the reading can start meanwhile?
	for i, url := range links {
		jobs <- job{i: i, url: url}
	}
	close(jobs)
	wg.Wait()
	close(results)

	statuses := make([]Status, len(links))
	for r := range results {
		statuses[r.i] = r.status
	}
	return statuses
}
