// Kata 02, a tempting wrong fix: an atomic Load, then an atomic Store of n+1.
//
// Every access to n now goes through sync/atomic, so the race detector is
// silent: each Load and each Store is ordered against the others. But the
// increment is still two steps. Two requests can both Load 41 before either
// Stores, and both Store 42: one hit is gone. Atomic operations make each
// step indivisible, not the sequence; the read-modify-write must be one call
// (Add), or a CompareAndSwap retried until it succeeds.
package hits

import (
	"sync"
	"sync/atomic"
)

// Counter counts page hits. The zero value is a counter at zero, ready to use.
type Counter struct {
	n atomic.Int64
}

// Inc counts one hit.
func (c *Counter) Inc() {
	v := c.n.Load()
	c.n.Store(v + 1)
}

// Value returns the number of hits counted so far.
func (c *Counter) Value() int64 {
	return c.n.Load()
}

// ServeBatch serves every path in paths on a goroutine of its own, calling
// serve for it and then counting the hit on c. It returns once every request
// has been served and counted.
func ServeBatch(c *Counter, paths []string, serve func(path string)) {
	var wg sync.WaitGroup
	for _, p := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			serve(p)
			c.Inc()
		}()
	}
	wg.Wait()
}
