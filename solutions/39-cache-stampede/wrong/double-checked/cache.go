// Kata 39, a tempting wrong fix: check the map again under the write lock.
//
// The second check, under the exclusive lock, feels safe: only one shopper
// at a time can make it. But each one releases the lock before it loads, and
// none of them stores the page until its load returns: every shopper who
// missed passes the second check as well, and the database renders the
// kettle once per shopper, as before.
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
	c.mu.RLock()
	page, ok := c.pages[id]
	c.mu.RUnlock()
	if ok {
		return page
	}

	c.mu.Lock()
	page, ok = c.pages[id]
	c.mu.Unlock()
	if ok {
		return page
	}
	page = c.load(id)

	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages[id] = page
	return page
}
