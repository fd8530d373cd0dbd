// Kata 39, a tempting wrong fix: renders in flight recorded under the write
// lock, without looking in the cache again there.
//
// A shopper who misses takes the write lock and either finds the render of
// his page under way and waits for it, or records his own and renders. The
// render stores the page and forgets itself in one critical section. But
// the miss was seen under the read lock, a critical section earlier: if the
// render ends between the two, the shopper finds no render under way and
// starts another for a page that is in the cache already. Under the write
// lock, look in the cache again before recording a render.
package catalog

import "sync"

// A flight is one render under way; done is closed when it has ended.
type flight struct {
	done chan struct{}
	page string // written before done is closed
	ok   bool   // false if the render panicked
}

// Cache keeps the product pages it has loaded, by product id. Use New.
type Cache struct {
	load func(id string) string // renders a page from the database; slow

	mu        sync.RWMutex // protects pages and rendering
	pages     map[string]string
	rendering map[string]*flight
}

// New returns an empty Cache that renders a page with load the first time it
// is asked for. load may be called from several goroutines at once, for
// different ids, never for the same id at once.
func New(load func(id string) string) *Cache {
	return &Cache{load: load, pages: map[string]string{}, rendering: map[string]*flight{}}
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

	c.mu.Lock()
	if f, ok := c.rendering[id]; ok {
		c.mu.Unlock()
		<-f.done
		if !f.ok {
			panic("catalog: the render of " + id + " failed")
		}
		return f.page
	}
	f := &flight{done: make(chan struct{})}
	c.rendering[id] = f
	c.mu.Unlock()

	defer func() {
		c.mu.Lock()
		if f.ok {
			c.pages[id] = f.page
		}
		delete(c.rendering, id)
		c.mu.Unlock()
		close(f.done)
	}()
	f.page = c.load(id)
	f.ok = true
	return f.page
}
