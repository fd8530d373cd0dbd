// Kata 04, a tempting wrong fix: a mutex in every method.
//
// Each call declares a sync.Mutex of its own and locks it. Nobody else can
// ever see that mutex, so no call ever waits for another: two requests are
// still inside the map at once, exactly as with no lock at all. A lock only
// guards what every goroutine reaches through the same lock; here that
// means a field of the Counter.
package visits

import (
	"maps"
	"sync"
)

// Counter counts visits per page. The zero value is an empty counter, ready
// to use.
type Counter struct {
	pages map[string]int // visits per page
}

// Record counts one visit to page.
func (c *Counter) Record(page string) {
	var mu sync.Mutex
	mu.Lock()
	defer mu.Unlock()
	if c.pages == nil {
		c.pages = map[string]int{}
	}
	c.pages[page]++
}

// Count returns the number of visits recorded for page.
func (c *Counter) Count(page string) int {
	var mu sync.Mutex
	mu.Lock()
	defer mu.Unlock()
	return c.pages[page]
}

// Snapshot returns the count of every page visited so far. The caller owns
// the map: it is a copy, not the counter's own.
func (c *Counter) Snapshot() map[string]int {
	var mu sync.Mutex
	mu.Lock()
	defer mu.Unlock()
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
