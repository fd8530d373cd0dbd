// Kata 36, a tempting wrong fix: look up under the read lock, move under
// the write lock.
//
// The RLock in Get (wrong/rlock-in-get) let two lookups move the same links
// at once, so this fix keeps the cheap shared lookup and takes the write lock
// only for MoveToFront, reading the address after letting go. Between the two
// locks a Put may drop or refresh the host, and the address is read with no
// lock at all while a Put writes it under the write lock: the race detector
// reports that read against the refresh, and a lookup can answer with a host
// that was dropped a moment before.
package dnscache

import (
	"container/list"
	"sync"
)

type Cache struct {
	mu       sync.RWMutex
	capacity int
	hosts    map[string]*list.Element
	order    *list.List
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

func (c *Cache) Get(host string) (addr string, ok bool) {
	c.mu.RLock()
	el, ok := c.hosts[host]
	c.mu.RUnlock()
	if !ok {
		return "", false
	}
	c.mu.Lock()
	c.order.MoveToFront(el)
	c.mu.Unlock()
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
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.order.Len()
}

func (c *Cache) Hosts() []string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	hosts := make([]string, 0, c.order.Len())
	for el := c.order.Front(); el != nil; el = el.Next() {
		hosts = append(hosts, el.Value.(*entry).host)
	}
	return hosts
}
