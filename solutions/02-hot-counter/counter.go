// Kata 02 · A hot counter
//
// A web server counts the pages it serves, for the hit counter on its status
// page. Each request of a batch is served on a goroutine of its own, which
// counts its hit once the page is out; the status page reads the count
// whenever someone looks. n++ is not one step but three (load n, add one,
// store n), and a hundred goroutines run those steps at once with nothing to
// order them: hits go missing, the status page can see the count go back,
// and `go test -race` reports a data race.
//
// Solution: n becomes an atomic.Int64, and every access goes through its
// methods. Add does the load, the add and the store as one step that no other
// goroutine can split, and an atomic write synchronizes before any atomic
// read that observes it, so Value sees whole counts that only grow.
package hits

import (
	"sync"
	"sync/atomic"
)

// Counter counts page hits. The zero value is a counter at zero, ready to
// use; a Counter must not be copied after first use (go vet checks this).
// Inc and Value may be called from any number of goroutines at once.
type Counter struct {
	// n is touched only through atomic.Int64's methods. One number needs no
	// lock: Add is a single read-modify-write instruction on the hardware,
	// so no goroutine is ever parked waiting for another to unlock. Reach for
	// a sync.Mutex instead once several fields must change together (a hit
	// count and a byte total, say): atomics keep each field whole, not the
	// fields consistent with one another.
	n atomic.Int64
}

// Inc counts one hit.
//
// Two plain n++ could both load the same old value and both store old+1,
// losing a hit; Add cannot be interleaved that way.
func (c *Counter) Inc() {
	c.n.Add(1)
}

// Value returns the number of hits counted so far.
//
// The read must be atomic too. Making only Inc atomic (the tempting half
// fix) leaves this load unordered with the Adds on other goroutines: a race
// needs only one side that does not synchronise, and the race detector
// reports it.
func (c *Counter) Value() int64 {
	return c.n.Load()
}

// ServeBatch serves every path in paths on a goroutine of its own, calling
// serve for it and then counting the hit on c. It returns once every request
// has been served and counted: each wg.Done synchronizes before the wg.Wait
// it releases, so a Value after ServeBatch sees every hit of the batch.
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
