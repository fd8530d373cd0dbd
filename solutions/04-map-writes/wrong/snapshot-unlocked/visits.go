// Kata 04, a tempting wrong fix: Record and Count take the lock, Snapshot
// does not, "because maps.Clone copies the map in one call".
//
// One call is not one step: maps.Clone walks the map while a Record may be
// writing it, and reads c.pages with no lock while the first Record sets it.
// The race detector does not instrument maps.Clone itself, so the copy only
// crashes ("concurrent map clone and map write") when it lands inside a
// write; the read of the field is what it reports. Take the lock in Snapshot
// too, and clone under it.
package visits

import (
	"maps"
	"sync"
)

type Counter struct {
	mu    sync.Mutex
	pages map[string]int
}

func (c *Counter) Record(page string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pages == nil {
		c.pages = map[string]int{}
	}
	c.pages[page]++
}

func (c *Counter) Count(page string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pages[page]
}

func (c *Counter) Snapshot() map[string]int {
	return maps.Clone(c.pages)
}

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
