// Kata 02, a tempting wrong fix: one CompareAndSwap, its result ignored.
//
// CompareAndSwap is the right tool, and the race detector is silent: every
// access is atomic. But when another Inc moved n between the Load and the
// swap, the swap fails and this Inc returns without counting: the hit is
// lost, just as with n++. A failed swap means "look again", so it belongs
// in a loop that retries until it succeeds (or use Add, which is that loop
// done by the hardware).
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
	old := c.n.Load()
	c.n.CompareAndSwap(old, old+1)
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
