// Kata 36, a tempting wrong fix: an RWMutex, and a Get that no longer moves
// the host, so that it really is a read and a read lock will do.
//
// No race is left, but neither is an LRU cache: the order of the list is now
// the order in which hosts were put, and a full cache drops the host put
// longest ago, however often it is looked up. The hottest host is evicted
// first, and every request that needs it pays for a DNS round trip again.
package dnscache

import (
	"container/list"
	"sync"
)

// Cache keeps the address of at most a fixed number of hosts and drops the
// least recently used host to make room for a new one. Use New to make one.
type Cache struct {
	capacity int

	mu    sync.RWMutex             // protects hosts and order
	hosts map[string]*list.Element // each element's Value is an *entry
	order *list.List               // most recently used at the front
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

// Get returns the address cached for host, and whether there was one.
func (c *Cache) Get(host string) (addr string, ok bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	el, ok := c.hosts[host]
	if !ok {
		return "", false
	}
	return el.Value.(*entry).addr, true
}

// Put caches addr as the address of host and makes host the most recently
// used. If host is new and the cache is full, the least recently used host is
// dropped first.
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
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.order.Len()
}

// Hosts returns the cached hosts, the most recently used first.
func (c *Cache) Hosts() []string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	hosts := make([]string, 0, c.order.Len())
	for el := c.order.Front(); el != nil; el = el.Next() {
		hosts = append(hosts, el.Value.(*entry).host)
	}
	return hosts
}
