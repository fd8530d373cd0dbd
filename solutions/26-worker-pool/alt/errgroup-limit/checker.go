// Kata 26 · A worker pool that jams — a correct alternative: no pool of
// long-lived workers, but one goroutine per link, at most `workers` at once,
// through errgroup's SetLimit, each writing its own slot of the report.
//
// Why it is also correct: SetLimit makes g.Go wait while `workers`
// goroutines are running, so no more than `workers` checks are in flight,
// and no fewer while links remain. There is no results channel that nobody
// reads: each goroutine writes statuses[i] for its own i, so no two write
// the same element, and g.Wait returns after every write, which orders them
// all before the caller reads the report.
package linkcheck

import "golang.org/x/sync/errgroup"

// Status is what checking one link found.
type Status struct {
	URL  string
	Code int // the HTTP status code, e.g. 200 or 404
}

// CheckAll checks every link with check, on a pool of workers goroutines
// (workers must be at least 1), and returns the Status of links[i] at index
// i. check may be called from several goroutines at once.
func CheckAll(links []string, workers int, check func(url string) int) []Status {
	statuses := make([]Status, len(links)) // element i is written by link i's goroutine only
	var g errgroup.Group
	g.SetLimit(workers)
	for i, url := range links {
		g.Go(func() error {
			statuses[i] = Status{URL: url, Code: check(url)}
			return nil
		})
	}
	_ = g.Wait() // no goroutine returns an error: Wait is only the join
	return statuses
}
