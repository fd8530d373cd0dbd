// Kata 02, a tempting wrong fix: a sync.RWMutex, read-locked everywhere.
//
// "Many requests at once should not wait for each other", so Inc takes the
// shared read lock, like Value. But a read lock lets every holder in at the
// same time: the hundred Incs still run n++ side by side, the race detector
// still reports them, and hits still go missing. Whoever writes must hold
// the exclusive Lock.
package hits

import (
	"sync"
)

// Counter counts page hits. The zero value is a counter at zero, ready to use.
type Counter struct {
	mu sync.RWMutex // meant to protect n
	n  int64
}

// Inc counts one hit.
func (c *Counter) Inc() {
	c.mu.RLock()
	defer c.mu.RUnlock()
	c.n++
}

// Value returns the number of hits counted so far.
func (c *Counter) Value() int64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
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
