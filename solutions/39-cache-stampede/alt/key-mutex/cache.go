// Kata 39, a correct alternative: a mutex per page.
//
// Instead of singleflight, each product id gets a mutex of its own, made on
// first use under the cache's lock. A shopper who misses takes the page's
// mutex, looks in the cache again, and renders only if the page is still
// not there. The first shopper renders while holding it; the others for the
// same page park on it, and when they get it they find the page cached. A
// shopper for another page takes another mutex, so different pages render
// side by side. The page's mutex is released by a defer, so a render that
// panics lets the next shopper in to try again. The mutexes are never
// removed: one per product, as the page itself is kept.
package catalog

import "sync"

// Cache keeps the product pages it has loaded, by product id. Use New.
type Cache struct {
	load func(id string) string // renders a page from the database; slow

	mu    sync.Mutex // protects pages and keys
	pages map[string]string
	keys  map[string]*sync.Mutex // one per id; held while that id's page renders
}

// New returns an empty Cache that renders a page with load the first time it
// is asked for. load may be called from several goroutines at once.
func New(load func(id string) string) *Cache {
	return &Cache{load: load, pages: map[string]string{}, keys: map[string]*sync.Mutex{}}
}

// Get returns the page of product id, from the cache if it holds it, and
// otherwise from load, keeping the result for the next caller.
func (c *Cache) Get(id string) string {
	if page, ok := c.cached(id); ok {
		return page
	}
	key := c.key(id)
	key.Lock()
	defer key.Unlock()
	// Another shopper may have rendered the page while this one waited.
	if page, ok := c.cached(id); ok {
		return page
	}
	page := c.load(id)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages[id] = page
	return page
}

// cached looks id up in the cache.
func (c *Cache) cached(id string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	page, ok := c.pages[id]
	return page, ok
}

// key returns id's mutex, making it on first use.
func (c *Cache) key(id string) *sync.Mutex {
	c.mu.Lock()
	defer c.mu.Unlock()
	m, ok := c.keys[id]
	if !ok {
		m = &sync.Mutex{}
		c.keys[id] = m
	}
	return m
}
