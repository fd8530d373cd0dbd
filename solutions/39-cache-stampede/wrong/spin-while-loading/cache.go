// Kata 39, a tempting wrong fix: mark the page as loading, and have the
// others check again until it is there.
//
// The first shopper to miss marks the page as loading and renders it; a
// shopper who misses while the mark is set yields and looks again, until the
// page is in the cache. The database renders each page once, and different
// pages still render side by side. But the shoppers who wait never sleep:
// every one of them loops, burning a core, for as long as the render takes,
// and on a flash sale that is hundreds of goroutines spinning on a slow
// database. If the render fails (panics), the mark is never cleared, and
// they spin forever.
package catalog

import (
	"runtime"
	"sync"
)

// Cache keeps the product pages it has loaded, by product id. Use New.
type Cache struct {
	load func(id string) string // renders a page from the database; slow

	mu      sync.Mutex // protects pages and loading
	pages   map[string]string
	loading map[string]bool // ids being rendered right now
}

// New returns an empty Cache that renders a page with load the first time it
// is asked for. load may be called from several goroutines at once.
func New(load func(id string) string) *Cache {
	return &Cache{load: load, pages: map[string]string{}, loading: map[string]bool{}}
}

// Get returns the page of product id, from the cache if it holds it, and
// otherwise from load, keeping the result for the next caller.
func (c *Cache) Get(id string) string {
	c.mu.Lock()
	for {
		if page, ok := c.pages[id]; ok {
			c.mu.Unlock()
			return page
		}
		if !c.loading[id] {
			break
		}
		c.mu.Unlock()
		runtime.Gosched()
		c.mu.Lock()
	}
	c.loading[id] = true
	c.mu.Unlock()

	page := c.load(id)

	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages[id] = page
	delete(c.loading, id)
	return page
}
