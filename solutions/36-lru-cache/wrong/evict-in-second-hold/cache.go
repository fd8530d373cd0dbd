// Kata 36, a tempting wrong fix: add the new host under the lock, then drop
// the oldest under a second hold of it.
//
// Every access is guarded, and once both halves of a Put have run the cache
// is back to its capacity. But between them it holds one host more than it
// has room for (more, with several Puts at once), and a status page that
// counts the hosts in that moment sees it; a Get in the gap can also move the
// back host to the front, so the trim drops a host that was just used. A Put
// must add and drop as one step.
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

func (c *Cache) Put(host, addr string) {
	c.mu.Lock()
	if el, ok := c.hosts[host]; ok {
		el.Value.(*entry).addr = addr
		c.order.MoveToFront(el)
		c.mu.Unlock()
		return
	}
	c.hosts[host] = c.order.PushFront(&entry{host: host, addr: addr})
	c.mu.Unlock()
	c.evict()
}

// evict drops least recently used hosts until the cache fits its capacity.
func (c *Cache) evict() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for c.order.Len() > c.capacity {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.hosts, oldest.Value.(*entry).host)
	}
}
