// Kata 39, a tempting wrong fix: waiters read the page from the map.
//
// One shopper renders while the others for that page wait on its channel,
// and once it is closed they take the page from the cache, where the render
// has just put it: the stampede is gone, and when every render succeeds
// nothing is wrong. But when the render fails (the database panics), nothing
// is stored, and every waiter takes the zero value from the map and serves an
// empty page as if it were the product's: neither the failure nor a second
// try. What a waiter returns must come from the render it waited for.
package catalog

import "sync"

// Cache keeps the product pages it has loaded, by product id. Use New.
type Cache struct {
	load func(id string) string // renders a page from the database; slow

	mu       sync.RWMutex // protects pages and inflight
	pages    map[string]string
	inflight map[string]*call
}

// call is one load in progress; done is closed when it is over.
type call struct {
	done     chan struct{}
	page     string
	panicked any
}

// New returns an empty Cache that renders a page with load the first time it
// is asked for. load may be called from several goroutines at once.
func New(load func(id string) string) *Cache {
	return &Cache{load: load, pages: map[string]string{}, inflight: map[string]*call{}}
}

// Get returns the page of product id, from the cache if it holds it, and
// otherwise from load, keeping the result for the next caller.
func (c *Cache) Get(id string) string {
	c.mu.Lock()
	if page, ok := c.pages[id]; ok {
		c.mu.Unlock()
		return page
	}
	if cl, ok := c.inflight[id]; ok {
		c.mu.Unlock()
		<-cl.done
		c.mu.RLock()
		defer c.mu.RUnlock()
		return c.pages[id]
	}
	cl := &call{done: make(chan struct{})}
	c.inflight[id] = cl
	c.mu.Unlock()

	defer func() {
		c.mu.Lock()
		delete(c.inflight, id)
		c.mu.Unlock()
		close(cl.done)
	}()
	page := c.load(id)
	c.mu.Lock()
	c.pages[id] = page
	c.mu.Unlock()
	return page
}
