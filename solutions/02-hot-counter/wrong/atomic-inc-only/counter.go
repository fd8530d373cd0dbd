// Kata 02, a tempting wrong fix: make only Inc atomic.
//
// Inc no longer loses hits, but Value still loads n with a plain read, and
// nothing orders that read against the atomic adds on the requests'
// goroutines. A race needs only one side that does not synchronise.
package hits

import (
	"sync"
	"sync/atomic"
)

// Counter counts page hits. The zero value is a counter at zero, ready to use.
type Counter struct {
	n int64
}

// Inc counts one hit.
func (c *Counter) Inc() {
	atomic.AddInt64(&c.n, 1)
}

// Value returns the number of hits counted so far.
func (c *Counter) Value() int64 {
	return c.n
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
