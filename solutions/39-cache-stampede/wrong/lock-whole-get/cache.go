// Kata 39, a tempting wrong fix: hold the lock across the whole of Get.
//
// Only one shopper at a time can miss now, so the kettle is rendered once and
// the others find it cached. But a shopper for the toaster waits too, while
// the kettle renders: one slow page holds up every page of the shop. The
// probe never sees two renders at once.
package catalog

import "sync"

// Cache keeps the product pages it has loaded, by product id. Use New.
type Cache struct {
	load func(id string) string // renders a page from the database; slow

	mu    sync.RWMutex // protects pages
	pages map[string]string
}

// New returns an empty Cache that renders a page with load the first time it
// is asked for. load may be called from several goroutines at once.
func New(load func(id string) string) *Cache {
	return &Cache{load: load, pages: map[string]string{}}
}

// Get returns the page of product id, from the cache if it holds it, and
// otherwise from load, keeping the result for the next caller.
func (c *Cache) Get(id string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if page, ok := c.pages[id]; ok {
		return page
	}
	page := c.load(id)
	c.pages[id] = page
	return page
}
