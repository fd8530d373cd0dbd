// Kata 36, a tempting wrong fix: lock Get and Put, the methods in the race
// report, and nothing else.
//
// The report names Get and Put, so both now take one mutex around the map
// and the list, and lookups and refreshes no longer race. But Len and Hosts
// read the list too, from the goroutine of whoever asks (a status page, a
// metrics scrape), and they take no lock: a Len while a Put adds a host, or a
// Hosts walk while a Get moves a host to the front, is a data race all the
// same, and the walk may follow links half rewritten.
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

func (c *Cache) Len() int {
	return c.order.Len()
}

func (c *Cache) Hosts() []string {
	hosts := make([]string, 0, c.order.Len())
	for el := c.order.Front(); el != nil; el = el.Next() {
		hosts = append(hosts, el.Value.(*entry).host)
	}
	return hosts
}
