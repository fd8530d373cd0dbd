// Kata 04, a tempting wrong fix: a sync.Map, with Load then Store.
//
// sync.Map is safe for concurrent use, so the race detector goes quiet. But
// Record reads the count with Load and writes count+1 with Store: two steps,
// each safe on its own. Two requests for the same page can both Load 7 and
// both Store 8, and a visit is lost. A safe container does not make a
// read-modify-write on it atomic; the increment itself must be one step
// (a mutex around it, or an atomic counter per page).
package visits

import (
	"sync"
)

// Counter counts visits per page. The zero value is an empty counter, ready
// to use.
type Counter struct {
	pages sync.Map // page → visits (int)
}

// Record counts one visit to page.
func (c *Counter) Record(page string) {
	n, _ := c.pages.Load(page)
	v, _ := n.(int)
	c.pages.Store(page, v+1)
}

// Count returns the number of visits recorded for page.
func (c *Counter) Count(page string) int {
	n, _ := c.pages.Load(page)
	v, _ := n.(int)
	return v
}

// Snapshot returns the count of every page visited so far. The caller owns
// the map: it is a copy, not the counter's own.
func (c *Counter) Snapshot() map[string]int {
	out := map[string]int{}
	c.pages.Range(func(k, v any) bool {
		out[k.(string)] = v.(int)
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
