// Kata 39, a tempting wrong fix: a channel per page being loaded, closed
// once the page is in.
//
// The first shopper to miss puts a channel in a map of loads in flight and
// renders the page; a shopper who misses while the channel is there waits
// for it to be closed, then takes the page from the cache. One render per
// page, waiters parked, different pages side by side: it passes every spec
// with a well-behaved database. But the close and the clean-up come after
// the render, on its happy path only. When a render fails (panics), the
// channel is never closed and never removed, and every shopper waiting for
// that page, and every shopper who asks for it later, waits forever.
package catalog

import "sync"

// Cache keeps the product pages it has loaded, by product id. Use New.
type Cache struct {
	load func(id string) string // renders a page from the database; slow

	mu       sync.Mutex // protects pages and inflight
	pages    map[string]string
	inflight map[string]chan struct{} // closed once the id's page is in pages
}

// New returns an empty Cache that renders a page with load the first time it
// is asked for. load may be called from several goroutines at once.
func New(load func(id string) string) *Cache {
	return &Cache{load: load, pages: map[string]string{}, inflight: map[string]chan struct{}{}}
}

// Get returns the page of product id, from the cache if it holds it, and
// otherwise from load, keeping the result for the next caller.
func (c *Cache) Get(id string) string {
	c.mu.Lock()
	if page, ok := c.pages[id]; ok {
		c.mu.Unlock()
		return page
	}
	if done, ok := c.inflight[id]; ok {
		c.mu.Unlock()
		<-done
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.pages[id]
	}
	done := make(chan struct{})
	c.inflight[id] = done
	c.mu.Unlock()

	page := c.load(id)

	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages[id] = page
	delete(c.inflight, id)
	close(done)
	return page
}
