package atomics

import "sync/atomic"

type Counter struct {
	n    atomic.Int64
	seat atomic.Int32
	on   atomic.Bool
	old  int64
}

func (c *Counter) Inc() { c.n.Add(1) }

func (c *Counter) Next() int32 {
	return c.seat.Add(1)
}

func (c *Counter) Claim(limit int64) bool {
	for {
		cur := c.n.Load()
		if cur >= limit {
			return false
		}
		if c.n.CompareAndSwap(cur, cur+1) {
			return true
		}
	}
}

func (c *Counter) Toggle() bool { return c.on.Swap(true) }

func (c *Counter) Legacy() int64 {
	atomic.AddInt64(&c.old, 2)
	atomic.StoreInt64(&c.old, atomic.LoadInt64(&c.old)+1)
	return atomic.AddInt64(&c.old, 1)
}
