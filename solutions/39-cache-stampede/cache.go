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
// Solution: the shoppers who miss go through a singleflight.Group, keyed by
// product id. The first to call Do for an id runs the load; those who call Do
// for the same id while it runs wait for it and share its result. Loads of
// different ids are different flights, and still run at the same time.
//
// A per-key once does the same by hand: under c.mu, find or create the entry
// of id (a struct with a sync.Once and the page); release c.mu; call the
// entry's once.Do(load). Every caller of one id then waits on the same Once,
// and only the first runs it.
package catalog

import (
	"sync"

	"golang.org/x/sync/singleflight"
)

// Cache keeps the product pages it has loaded, by product id. Use New; a
// Cache is safe for concurrent use.
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
	if page, ok := c.cached(id); ok {
		return page
	}

	// Do runs the function once per id at a time: callers that come while a
	// flight for id is running wait and get its result. The tempting fixes
	// miss one of the two halves. Holding c.mu across the load makes every
	// miss, of any page, wait for the one load in progress: the stampede is
	// gone, and so is every other shopper's page while one is slow. Checking
	// the map a second time under c.mu before loading, and loading after
	// releasing it, lets every shopper who missed pass that check too, since
	// none of them has stored anything yet.
	v, _, _ := c.flights.Do(id, func() (any, error) {
		// A shopper who missed just before the last flight stored its page
		// can reach Do just after that flight ended, and so start a new one.
		// Looking again here spares the database that second load.
		if page, ok := c.cached(id); ok {
			return page, nil
		}
		page := c.load(id)
		c.mu.Lock()
		defer c.mu.Unlock()
		c.pages[id] = page
		return page, nil
	})
	return v.(string)
}

// cached returns the page of id if the cache holds it.
func (c *Cache) cached(id string) (page string, ok bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	page, ok = c.pages[id]
	return page, ok
}
