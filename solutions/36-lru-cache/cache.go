// Kata 36 · A cache whose lookups write
//
// A service calls other services by host name, and every name costs a DNS
// round trip to resolve, so it keeps the latest answers in an LRU cache: a
// map from host to an element of a list that holds the hosts in order of use,
// the most recently used at the front. When the cache is full, Put drops the
// host at the back, the one used longest ago. Every request looks up the
// hosts it calls on its own goroutine, and refreshes the answers that have
// expired. A hit looks like a read, yet Get moves the host to the front: each
// lookup rewrites the list's links, nothing orders one request's lookup
// against another's, and `go test -race` reports a data race even when the
// requests do nothing but look up.
//
// Solution: one sync.Mutex inside Cache, held by every method for the whole
// of its work on the map and the list together. Get takes it like Put does,
// because Get writes the list too. Unlock synchronizes before the next Lock,
// so each call finds the map and the list as the last holder left them, and
// never half way through another call's rewiring.
package dnscache

import (
	"container/list"
	"sync"
)

// Cache keeps the address of at most a fixed number of hosts and drops the
// least recently used host to make room for a new one. Use New to make one;
// a Cache must not be copied after first use (it holds a mutex). All its
// methods may be called from any number of goroutines at once.
type Cache struct {
	capacity int // set by New, never changed: needs no lock

	// mu protects hosts, order and the entries in order's elements. The map
	// and the list are one structure: every host in the map has its element
	// in the list, and the order of the list decides what Put drops. A lock
	// for each would let a call see the map updated and the list not yet,
	// so one lock guards both, for the whole of each method.
	//
	// A plain Mutex, not an RWMutex: the tempting RLock in Get lets two
	// lookups move elements of the same list at once, and that is exactly
	// the race this kata is about. In an LRU cache there are no read-only
	// operations on the hot path; a hit is a write to the list.
	mu    sync.Mutex
	hosts map[string]*list.Element // each element's Value is an *entry
	order *list.List               // most recently used at the front
}

// entry is what one element of order holds. Its addr is rewritten by Put,
// under mu.
type entry struct {
	host string
	addr string
}

// New returns an empty cache for at most capacity hosts (at least 1).
func New(capacity int) *Cache {
	return &Cache{
		capacity: capacity,
		hosts:    map[string]*list.Element{},
		order:    list.New(),
	}
}

// Get returns the address cached for host, and whether there was one. A hit
// makes host the most recently used.
//
// Get holds the lock, not a read lock: MoveToFront rewrites the links of up
// to four elements and of the list itself, and two lookups doing that at once
// can lose an element or tie the list into a loop. Dropping the move, so that
// Get only reads and an RLock would do, keeps the cache safe but no longer
// least recently used: the host looked up a thousand times a second is
// dropped as soon as it is the oldest one put.
func (c *Cache) Get(host string) (addr string, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.hosts[host]
	if !ok {
		return "", false
	}
	c.order.MoveToFront(el)
	return el.Value.(*entry).addr, true
}

// Put caches addr as the address of host and makes host the most recently
// used. If host is new and the cache is full, the least recently used host is
// dropped first.
//
// The lookup, the eviction and the insertion happen under one hold of the
// lock: two Puts of the same new host must not both find it missing, and the
// host Put drops must still be the one at the back when it is removed.
func (c *Cache) Put(host, addr string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.hosts[host]; ok {
		el.Value.(*entry).addr = addr
		c.order.MoveToFront(el)
		return
	}
	if c.order.Len() >= c.capacity {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.hosts, oldest.Value.(*entry).host)
	}
	c.hosts[host] = c.order.PushFront(&entry{host: host, addr: addr})
}

// Len returns how many hosts are cached.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// Hosts returns the cached hosts, the most recently used first. The slice is
// the caller's: it is filled under the lock, and only the copy leaves it.
func (c *Cache) Hosts() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	hosts := make([]string, 0, c.order.Len())
	for el := c.order.Front(); el != nil; el = el.Next() {
		hosts = append(hosts, el.Value.(*entry).host)
	}
	return hosts
}
