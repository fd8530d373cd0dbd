// Kata 36, a tempting wrong fix: look the host up under the lock, then add it
// under a second hold of the lock.
//
// Every access to the map and the list is guarded, and a Put whose lookup
// hits refreshes the host as before. But two requests that miss the same host
// and Put it at once both find it absent before either has added it, and both
// push an element to the front: the list holds the host twice, the map points
// at the second element only, and Len counts a host that Get can never find.
// The lookup and the addition must be one step under one hold of the lock.
package dnscache

import (
	"container/list"
	"sync"
)

type Cache struct {
	mu       sync.Mutex // guards hosts and order together
	capacity int
	hosts    map[string]*list.Element // each element's Value is an *entry
	order    *list.List               // most recently used at the front
}

type entry struct {
	host string
	addr string
}

func New(capacity int) *Cache {
	return &Cache{
		capacity: capacity,
		hosts:    map[string]*list.Element{},
		order:    list.New(),
	}
}

func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

func (c *Cache) Hosts() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	hosts := make([]string, 0, c.order.Len())
	for el := c.order.Front(); el != nil; el = el.Next() {
		hosts = append(hosts, el.Value.(*entry).host)
	}
	return hosts
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

func (c *Cache) lookup(host string) (*list.Element, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.hosts[host]
	return el, ok
}

func (c *Cache) Put(host, addr string) {
	if el, ok := c.lookup(host); ok {
		c.mu.Lock()
		el.Value.(*entry).addr = addr
		c.order.MoveToFront(el)
		c.mu.Unlock()
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.order.Len() >= c.capacity {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.hosts, oldest.Value.(*entry).host)
	}
	c.hosts[host] = c.order.PushFront(&entry{host: host, addr: addr})
}
