// Kata 04 · A map written by every request
//
// A small web site shows its most visited pages on an admin dashboard. Serve
// handles each request on a goroutine of its own, as net/http does, and then
// records the visit in a Counter: a map from page to count. The dashboard
// reads the same map whenever the admin looks. A Go map is not safe for
// concurrent use: two requests writing it at once can corrupt it, and the
// runtime stops the program with "fatal error: concurrent map writes" when it
// notices, or `go test -race` reports the data race first.
//
// Solution: a sync.Mutex inside Counter, taken by every method that touches
// the map, readers as well as writers. While one goroutine holds it, no other
// can be inside the map; and Unlock synchronizes before the next Lock, so each
// goroutine sees the map as the last holder left it.
package visits

import (
	"maps"
	"sync"
)

// Counter counts visits per page. The zero value is an empty counter, ready
// to use; a Counter must not be copied after first use (it holds a mutex).
// Record, Count and Snapshot may be called from any number of goroutines at
// once.
type Counter struct {
	// mu protects pages: the map itself (which Record creates on first use)
	// and every count in it.
	//
	// A plain Mutex, not an RWMutex: every request writes, and the dashboard
	// reads now and then, so readers would rarely have anyone to share a read
	// lock with. An RWMutex (RLock in Count and Snapshot, Lock in Record) is
	// just as correct, and pays off when reads far outnumber writes.
	//
	// The mutex must be this one field of the Counter, shared by every call.
	// A sync.Mutex declared inside Record is a new mutex on every call: each
	// request locks its own, and nothing is guarded at all.
	mu    sync.Mutex
	pages map[string]int // visits per page
}

// Record counts one visit to page.
//
// Creating the map and incrementing the count both happen under the lock:
// c.pages[page]++ reads the count and writes it back, and no other request
// may get in between.
func (c *Counter) Record(page string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pages == nil {
		c.pages = map[string]int{}
	}
	c.pages[page]++
}

// Count returns the number of visits recorded for page.
//
// A read needs the lock too. Locking only Record (the tempting half fix)
// still lets a lookup walk the map while a Record rearranges it: the runtime
// may stop with "concurrent map read and map write", and the race detector
// reports the pair on every run.
func (c *Counter) Count(page string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pages[page]
}

// Snapshot returns the count of every page visited so far. The caller owns
// the map: it is a copy, not the counter's own.
//
// The copy is made under the lock, and only the copy leaves it. Returning
// c.pages itself would hand the caller a map that Record goes on writing
// after the lock is released: the dashboard would read it unguarded.
func (c *Counter) Snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.pages)
}

// Serve handles every request received on requests on a goroutine of its
// own: it calls handle with the page asked for, then records the visit on c.
// It returns once requests is closed and every request has been handled and
// recorded: each wg.Done synchronizes before the wg.Wait it releases.
//
// handle runs outside the counter's lock, so requests are served side by
// side; only the short Record is serialised.
func Serve(c *Counter, requests <-chan string, handle func(page string)) {
	var wg sync.WaitGroup
	for page := range requests {
		wg.Add(1)
		go func() {
			defer wg.Done()
			handle(page)
			c.Record(page)
		}()
	}
	wg.Wait()
}
