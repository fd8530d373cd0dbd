// Kata 39, a tempting wrong fix: waiters give up after a second.
//
// Shoppers who miss a page that is loading wait for that load, as they
// should, but only for a second: then they render the page themselves, so
// that no shopper waits forever for a load that never ends. On an ordinary
// day the render is quicker than that and nothing is wrong. On the day the
// database is slow, every shopper waiting for the page renders it again, a
// second after the first: the stampede is back at the moment the database
// can least take it. A waiter must wait for the load it joined, however long
// it takes; a load that fails must end the wait, not a clock.
package catalog

import (
	"sync"
	"time"
)

// Cache keeps the product pages it has loaded, by product id. Use New.
type Cache struct {
	load func(id string) string // renders a page from the database; slow

	mu    sync.RWMutex // protects pages
	pages map[string]string

	loadMu  sync.Mutex
	loading map[string]chan struct{} // closed when that page is in
}

// New returns an empty Cache that renders a page with load the first time it
// is asked for. load may be called from several goroutines at once.
func New(load func(id string) string) *Cache {
	return &Cache{load: load, pages: map[string]string{}, loading: map[string]chan struct{}{}}
}

// Get returns the page of product id, from the cache if it holds it, and
// otherwise from load, keeping the result for the next caller.
func (c *Cache) Get(id string) string {
	c.mu.RLock()
	page, ok := c.pages[id]
	c.mu.RUnlock()
	if ok {
		return page
	}

	c.loadMu.Lock()
	wait, busy := c.loading[id]
	if !busy {
		wait = make(chan struct{})
		c.loading[id] = wait
	}
	c.loadMu.Unlock()
	if busy {
		select {
		case <-wait:
			c.mu.RLock()
			page, ok = c.pages[id]
			c.mu.RUnlock()
			if ok {
				return page
			}
		case <-time.After(time.Second): // do not keep a shopper waiting forever
		}
		return c.loadAndKeep(id)
	}
	defer func() {
		c.loadMu.Lock()
		delete(c.loading, id)
		c.loadMu.Unlock()
		close(wait)
	}()
	return c.loadAndKeep(id)
}

func (c *Cache) loadAndKeep(id string) string {
	page := c.load(id)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages[id] = page
	return page
}
