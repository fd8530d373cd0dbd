// Kata 04, a tempting wrong fix: lock the writes, since the runtime only
// complained about "concurrent map writes".
//
// Two Records no longer meet inside the map, but Count and Snapshot still
// read it with no lock while a Record changes it. A map read during a write
// can see the map half rearranged (the runtime may stop with "concurrent map
// read and map write"), and nothing orders the dashboard's reads against the
// requests' writes: the race detector reports them on every run.
package visits

import (
	"maps"
	"sync"
)

// Counter counts visits per page. The zero value is an empty counter, ready
// to use.
type Counter struct {
	mu    sync.Mutex     // protects writes to pages
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
	return c.pages[page]
}

// Snapshot returns the count of every page visited so far. The caller owns
// the map: it is a copy, not the counter's own.
func (c *Counter) Snapshot() map[string]int {
	return maps.Clone(c.pages)
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
