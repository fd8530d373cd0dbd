// Kata 39 · A stampede on a cold cache
//
// An online shop renders its product pages from a database that is slow, and
// keeps every page it rendered in a cache. At nine o'clock a flash sale
// starts, and hundreds of shoppers open the same kettle in the same second.
// The cache is cold: every one of them misses, and every one asks the
// database for the same page, which was sized for a trickle of requests and
// falls over. Nothing races, nothing hangs; the specs count the calls to the
// database and report the wrong number.
//
// Your job: make the shoppers who miss the same page at once share one load
// of it. Keep the cache safe for concurrent use, keep different pages loading
// at the same time, and keep the API; no time.Sleep.
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

	// TODO: every shopper who missed comes here, and nothing tells them
	// that another shopper is loading the very same page right now. Let the
	// first one load it and the others wait for its result.
	page = c.load(id)

	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages[id] = page
	return page
}
