// Kata 26, a tempting wrong fix: keep the original order of steps and give
// results a buffer big enough for every result: a hundred slots.
//
// It is tempting because it works on every site it was tried on: while the
// buffer has room, workers never wait for a reader, so the caller can send
// every link, wait for the workers, and only then read. But the buffer is a
// guess about the input. A site with more links than slots fills it, the
// workers block on their next result, the caller on its next link, and
// nothing moves again. Only a buffer of len(links), made per call, would
// hold; a fixed one only moves the wall.
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
	results := make(chan result, 100) // room for every result of any site we crawl

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
