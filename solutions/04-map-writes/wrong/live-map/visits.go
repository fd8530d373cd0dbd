// Kata 04, a tempting wrong fix: the right lock, but Snapshot returns the
// counter's own map, "to save copying it for every look at the dashboard".
//
// The lock is released when Snapshot returns; the map is not. The dashboard
// goes on reading the very map that Record goes on writing, with no lock on
// its side: the race detector reports it on every run, and the numbers the
// admin was shown change after the fact (or change the counts, if the
// dashboard writes to its "copy").
package visits

import "sync"

// Counter counts visits per page. The zero value is an empty counter, ready
// to use.
type Counter struct {
	mu    sync.Mutex     // protects pages
	pages map[string]int // visits per page
}

// Record counts one visit to page.
func (c *Counter) Record(page string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pages == nil {
		c.pages = map[string]int{}
	}
	c.pages[page]++
}

// Count returns the number of visits recorded for page.
func (c *Counter) Count(page string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pages[page]
}

// Snapshot returns the count of every page visited so far.
func (c *Counter) Snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pages
}

// Serve handles every request received on requests on a goroutine of its
// own: it calls handle with the page asked for, then records the visit on c.
// It returns once requests is closed and every request has been handled and
// recorded.
func Serve(c *Counter, requests <-chan string, handle func(page string)) {
	var wg sync.WaitGroup
	for page := range requests {
		wg.Add(1)
		go func() {
			defer wg.Done()
			handle(page)
			c.Record(page)
		}()
	}
	wg.Wait()
}
