// Kata 02, a tempting wrong fix: Inc takes a mutex, and Value uses TryLock
// "so that the status page never queues behind the requests", answering 0
// when the lock is busy.
//
// Every access is locked, and the race detector is silent. But Value
// promises the number of hits counted so far, and while any Inc holds the
// lock it answers 0: on a busy server the status page shows 57, then 0,
// then 60. A status page that must not wait reads an atomic counter; one
// that may wait takes the lock, which is held for a few nanoseconds.
package hits

import "sync"

// Counter counts page hits. The zero value is a counter at zero, ready to use.
type Counter struct {
	mu sync.Mutex
	n  int64
}

// Inc counts one hit.
func (c *Counter) Inc() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

// Value returns the number of hits counted so far.
func (c *Counter) Value() int64 {
	if !c.mu.TryLock() {
		return 0 // busy: the page will refresh
	}
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
