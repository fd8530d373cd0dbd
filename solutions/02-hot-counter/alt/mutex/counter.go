// Kata 02 · A hot counter, a correct alternative: a sync.Mutex.
//
// The reference solution makes n an atomic.Int64. A mutex is also correct:
// Inc's load, add and store all happen while holding mu, so no other Inc can
// run between them, and Value's read under the same mu is ordered against
// every Inc (an Unlock synchronizes before the next Lock). It is slower under
// contention than one atomic Add, which is why the reference uses atomics,
// but no hit is lost and the count never goes back.
package hits

import (
	"sync"
)

// Counter counts page hits. The zero value is a counter at zero, ready to
// use; a Counter must not be copied after first use (it holds a mutex).
type Counter struct {
	mu sync.Mutex // protects n
	n  int64
}

// Inc counts one hit.
func (c *Counter) Inc() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}

// Value returns the number of hits counted so far.
func (c *Counter) Value() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
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
