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
// Your job: make Cache safe to use from many goroutines at once.
// Keep the API and the least-recently-used order; no time.Sleep.
package dnscache

import "container/list"

// Cache keeps the address of at most a fixed number of hosts and drops the
// least recently used host to make room for a new one. Use New to make one.
type Cache struct {
	// TODO: every method reads or writes hosts and order, from whichever
	// request's goroutine calls it. The map and the list are one structure:
	// guard them together.
	capacity int
	hosts    map[string]*list.Element // each element's Value is an *entry
	order    *list.List               // most recently used at the front
}

// entry is what one element of order holds.
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
func (c *Cache) Get(host string) (addr string, ok bool) {
	el, ok := c.hosts[host]
	if !ok {
		return "", false
	}
	// TODO: a hit is only a lookup, but is it only a read? Look at what
	// MoveToFront does to order.
	c.order.MoveToFront(el)
	return el.Value.(*entry).addr, true
}

// Put caches addr as the address of host and makes host the most recently
// used. If host is new and the cache is full, the least recently used host is
// dropped first.
func (c *Cache) Put(host, addr string) {
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
	return c.order.Len()
}

// Hosts returns the cached hosts, the most recently used first.
func (c *Cache) Hosts() []string {
	hosts := make([]string, 0, c.order.Len())
	for el := c.order.Front(); el != nil; el = el.Next() {
		hosts = append(hosts, el.Value.(*entry).host)
	}
	return hosts
}
