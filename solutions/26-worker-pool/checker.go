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
// Solution: the three steps run at once, each on its own goroutine. A
// producer sends the links and closes jobs; a closer waits for the workers
// and then closes results; the caller reads results until they are closed.
// No goroutine waits for a step that can only start after it.
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
// i. check may be called from several goroutines at once. When CheckAll
// returns, every goroutine it started has returned too.
func CheckAll(links []string, workers int, check func(url string) int) []Status {
	jobs := make(chan job)       // closed by the producer, after the last link
	results := make(chan result) // closed by the closer, after the last worker

	// wg counts the running workers. Every Add happens here, before the
	// closer below starts its Wait, as WaitGroup requires.
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

	// The producer sends on its own goroutine, so the caller is free to read
	// results meanwhile. It alone sends on jobs, so it alone closes jobs:
	// that close is what ends the workers' range loops. A caller that counts
	// len(links) results and never closes jobs returns the right report,
	// but leaves every worker waiting in its range loop forever.
	go func() {
		defer close(jobs)
		for i, url := range links {
			jobs <- job{i: i, url: url}
		}
	}()

	// The closer closes results once wg.Wait returns, that is after every
	// worker's last send: never too early (a worker would panic sending on a
	// closed channel) and never not at all (the loop below would wait
	// forever). wg.Wait runs here, on a goroutine of its own, because the
	// workers can only finish while somebody reads their results.
	//
	// The tempting half fix moves only this wait to a goroutine and leaves
	// the caller sending every link before it reads: the workers still block
	// on their first unread result, and the caller on the next link. A
	// results buffer of `workers` only moves the same wall a few links
	// further.
	go func() {
		wg.Wait()
		close(results)
	}()

	// Each result carries its link's position, so the report comes out in
	// link order whatever order the workers finish in.
	statuses := make([]Status, len(links))
	for r := range results {
		statuses[r.i] = r.status
	}
	return statuses
}
