// Kata 39, a tempting wrong fix: singleflight around the render, the page
// stored once Do has returned.
//
// Shoppers who miss share one render through singleflight.Do, and each of
// them stores the page it got back. While the render runs, nobody renders
// twice. But Do forgets the render the moment it returns, and the page is in
// the cache only a moment later: a shopper who misses in between finds
// neither, and Do starts a second render for him. On a busy page those
// moments come back with every cold start. Store the page inside the
// function Do runs, before Do forgets the render, and look in the cache
// again there for a page stored meanwhile.
package catalog

import (
	"sync"

	"golang.org/x/sync/singleflight"
)

// Cache keeps the product pages it has loaded, by product id. Use New.
type Cache struct {
	load func(id string) string // renders a page from the database; slow

	flights singleflight.Group // at most one load in flight per id

	mu    sync.RWMutex // protects pages
	pages map[string]string
}

// New returns an empty Cache that renders a page with load the first time it
// is asked for. load may be called from several goroutines at once, for
// different ids, never for the same id at once.
func New(load func(id string) string) *Cache {
	return &Cache{load: load, pages: map[string]string{}}
}

// Get returns the page of product id, from the cache if it holds it, and
// otherwise from load, keeping the result for the next caller. Callers who
// miss the same id while it is loading wait for that load; they do not start
// their own.
func (c *Cache) Get(id string) string {
	c.mu.RLock()
	page, ok := c.pages[id]
	c.mu.RUnlock()
	if ok {
		return page
	}
	v, _, _ := c.flights.Do(id, func() (any, error) { return c.load(id), nil })
	page = v.(string)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages[id] = page
	return page
}
