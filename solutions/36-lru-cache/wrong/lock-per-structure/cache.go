// Kata 36, a tempting wrong fix: one lock for the map, one for the list.
//
// "Finer locks, less waiting": the map and the list each get a mutex, and
// each is only touched under its own. But they are one structure. Put drops
// the oldest host from the list under one lock and from the map under the
// other; two Puts at once can take the two locks in opposite orders, and the
// map keeps a host the list has dropped: the cache finds more hosts than it
// has room for, and the dropped one is never dropped again. The specs catch
// it by volume (thousands of Puts into a one-host cache), not by a forced
// window: no hook can hold a Put between its two locks.
package dnscache

import (
	"container/list"
	"sync"
)

type Cache struct {
	capacity int
	hostsMu  sync.Mutex
	hosts    map[string]*list.Element
	orderMu  sync.Mutex
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
	c.hostsMu.Lock()
	el, ok := c.hosts[host]
	c.hostsMu.Unlock()
	if !ok {
		return "", false
	}
	c.orderMu.Lock()
	defer c.orderMu.Unlock()
	c.order.MoveToFront(el)
	return el.Value.(*entry).addr, true
}

func (c *Cache) Put(host, addr string) {
	c.hostsMu.Lock()
	el, ok := c.hosts[host]
	c.hostsMu.Unlock()
	if ok {
		c.orderMu.Lock()
		el.Value.(*entry).addr = addr
		c.order.MoveToFront(el)
		c.orderMu.Unlock()
		return
	}
	c.orderMu.Lock()
	var evicted string
	full := c.order.Len() >= c.capacity
	if full {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		evicted = oldest.Value.(*entry).host
	}
	el = c.order.PushFront(&entry{host: host, addr: addr})
	c.orderMu.Unlock()
	c.hostsMu.Lock()
	if full {
		delete(c.hosts, evicted)
	}
	c.hosts[host] = el
	c.hostsMu.Unlock()
}

func (c *Cache) Len() int {
	c.orderMu.Lock()
	defer c.orderMu.Unlock()
	return c.order.Len()
}

func (c *Cache) Hosts() []string {
	c.orderMu.Lock()
	defer c.orderMu.Unlock()
	hosts := make([]string, 0, c.order.Len())
	for el := c.order.Front(); el != nil; el = el.Next() {
		hosts = append(hosts, el.Value.(*entry).host)
	}
	return hosts
}
