// Kata 04 · A map written by every request, a correct alternative: a
// sync.Map from page to *atomic.Int64.
//
// The reference guards a plain map with one mutex. Here the map is a
// sync.Map, safe for concurrent use, and each page's count is an
// atomic.Int64 that the map holds by pointer: LoadOrStore gives every
// Record of a page the same counter (the first caller's, even when two
// first visits race), and Add(1) is one indivisible step, so no visit is
// lost. Count loads one counter; Snapshot copies each counter's current
// value into a map the caller owns. Snapshot is not one instant across all
// pages (a visit may land between two pages' loads), but every count in it
// was true at the moment it was read and never exceeds the visits recorded.
package visits

import (
	"sync"
	"sync/atomic"
)

// Counter counts visits per page. The zero value is an empty counter, ready
// to use.
type Counter struct {
	pages sync.Map // page (string) → *atomic.Int64 visits
}

// Record counts one visit to page.
func (c *Counter) Record(page string) {
	n, ok := c.pages.Load(page)
	if !ok {
		n, _ = c.pages.LoadOrStore(page, new(atomic.Int64))
	}
	n.(*atomic.Int64).Add(1)
}

// Count returns the number of visits recorded for page.
func (c *Counter) Count(page string) int {
	n, ok := c.pages.Load(page)
	if !ok {
		return 0
	}
	return int(n.(*atomic.Int64).Load())
}

// Snapshot returns the count of every page visited so far. The caller owns
// the map: it is a copy, not the counter's own.
func (c *Counter) Snapshot() map[string]int {
	out := map[string]int{}
	c.pages.Range(func(k, v any) bool {
		out[k.(string)] = int(v.(*atomic.Int64).Load())
		return true
	})
	return out
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
