// Kata 02, a tempting wrong fix: hold the counter's lock for the whole
// request, "so the count always matches the pages served".
//
// There is no race left, but the lock now covers serve too: only one request
// is served at a time, and the goroutines only queue up for the lock. One
// slow page holds up the whole batch, and the status page with it.
package hits

import "sync"

// Counter counts page hits. The zero value is a counter at zero, ready to use.
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
			c.mu.Lock()
			defer c.mu.Unlock()
			serve(p)
			c.n++
		}()
	}
	wg.Wait()
}
