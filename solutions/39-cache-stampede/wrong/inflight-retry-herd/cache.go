// Kata 39, a tempting wrong fix: record each load in flight as a channel
// that a deferred cleanup closes, and have a waiter that finds no page after
// the load ended render the page itself.
//
// One render per page, shoppers who wait for it asleep on the channel, and a
// failed render still wakes them. But then every one of them renders the page
// at once: one failure becomes as many renders as there were shoppers, the
// stampede back on the day the database is failing. A retry must be one
// render that the others wait for again, or the failure handed to them all.
package catalog

import "sync"

type Cache struct {
	load func(id string) string // renders a page from the database; slow

	mu       sync.Mutex // protects pages and inflight
	pages    map[string]string
	inflight map[string]chan struct{} // closed when the load of that page ends
}

func New(load func(id string) string) *Cache {
	return &Cache{load: load, pages: map[string]string{}, inflight: map[string]chan struct{}{}}
}

func (c *Cache) Get(id string) string {
	c.mu.Lock()
	if page, ok := c.pages[id]; ok {
		c.mu.Unlock()
		return page
	}
	if done, ok := c.inflight[id]; ok {
		// Someone is loading this page: wait for them.
		c.mu.Unlock()
		<-done
		c.mu.Lock()
		page, ok := c.pages[id]
		c.mu.Unlock()
		if ok {
			return page
		}
		// Their load failed: try it ourselves.
		return c.store(id, c.load(id))
	}
	done := make(chan struct{})
	c.inflight[id] = done
	c.mu.Unlock()

	defer func() {
		c.mu.Lock()
		delete(c.inflight, id)
		c.mu.Unlock()
		close(done) // never leave the waiters hanging, even if load panics
	}()
	return c.store(id, c.load(id))
}

func (c *Cache) store(id, page string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages[id] = page
	return page
}
