// Kata 36, a tempting wrong fix: a sync.Map for the hosts ("the map is what
// Go says is unsafe; the list is just pointers").
//
// The map is safe now, the list is not: Get and Put still move and push its
// elements with nothing ordering one request's rewiring against another's,
// and the race detector reports the MoveToFront calls. Even with a lock of
// its own for the list, the map and the list would not change together: a
// lookup could find a host in the map that Put has just dropped from the
// list.
package dnscache

import (
	"container/list"
	"sync"
)

// Cache keeps the address of at most a fixed number of hosts and drops the
// least recently used host to make room for a new one. Use New to make one.
type Cache struct {
	capacity int
	hosts    sync.Map   // host -> *list.Element; each element's Value is an *entry
	order    *list.List // most recently used at the front
}

// entry is what one element of order holds.
type entry struct {
	host string
	addr string
}

// New returns an empty cache for at most capacity hosts (at least 1).
func New(capacity int) *Cache {
	return &Cache{capacity: capacity, order: list.New()}
}

// Get returns the address cached for host, and whether there was one. A hit
// makes host the most recently used.
func (c *Cache) Get(host string) (addr string, ok bool) {
	v, ok := c.hosts.Load(host)
	if !ok {
		return "", false
	}
	el := v.(*list.Element)
	c.order.MoveToFront(el)
	return el.Value.(*entry).addr, true
}

// Put caches addr as the address of host and makes host the most recently
// used. If host is new and the cache is full, the least recently used host is
// dropped first.
func (c *Cache) Put(host, addr string) {
	if v, ok := c.hosts.Load(host); ok {
		el := v.(*list.Element)
		el.Value.(*entry).addr = addr
		c.order.MoveToFront(el)
		return
	}
	if c.order.Len() >= c.capacity {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		c.hosts.Delete(oldest.Value.(*entry).host)
	}
	c.hosts.Store(host, c.order.PushFront(&entry{host: host, addr: addr}))
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
