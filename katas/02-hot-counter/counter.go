// Kata 02 · A hot counter
//
// A web server counts the pages it serves, for the hit counter on its status
// page. Each request of a batch is served on a goroutine of its own, which
// counts its hit once the page is out; the status page reads the count
// whenever someone looks. n++ is not one step but three (load n, add one,
// store n), and a hundred goroutines run those steps at once with nothing to
// order them: hits go missing, the status page can see the count go back,
// and `go test -race` reports a data race.
//
// Your job: make Counter safe to use from many goroutines at once.
// Keep the goroutine per request in ServeBatch and keep the API; no time.Sleep.
package hits

import "sync"

// Counter counts page hits. The zero value is a counter at zero, ready to use.
type Counter struct {
	// TODO: Inc runs on every request's goroutine while Value runs on the
	// status page's. Make every access to n, the reads too, safe to run at
	// the same time as the others.
	n int64
}

// Inc counts one hit.
func (c *Counter) Inc() {
	c.n++
}

// Value returns the number of hits counted so far.
func (c *Counter) Value() int64 {
	return c.n
}

// ServeBatch serves every path in paths on a goroutine of its own, calling
// serve for it and then counting the hit on c. It returns once every request
// has been served and counted.
func ServeBatch(c *Counter, paths []string, serve func(path string)) {
	var wg sync.WaitGroup
	for _, p := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			serve(p)
			c.Inc()
		}()
	}
	wg.Wait()
}
