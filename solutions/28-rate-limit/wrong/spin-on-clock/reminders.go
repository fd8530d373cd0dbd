// Kata 28, a tempting wrong fix: no ticker, but a loop that watches the
// clock until the next send is due, yielding while it waits.
//
// It is tempting because it paces the sends exactly, starts them in order,
// leaves nothing behind, and uses no time.Sleep. But the wait is a loop
// that asks the clock again and again: for the whole batch, the caller's
// goroutine runs without pause and burns a core doing nothing. A ticker (or
// a timer) parks the goroutine until the beat.
package reminders

import (
	"runtime"
	"sync"
	"time"
)

// SendAll calls send once for every message, each call on a goroutine of its
// own, starting the calls in order and no faster than one per every (every
// must be positive). It returns once every call has returned. errs[i] is the
// error send returned for msgs[i], or nil. send may be called from several
// goroutines at once.
func SendAll(msgs []string, every time.Duration, send func(msg string) error) (errs []error) {
	errs = make([]error, len(msgs))
	var wg sync.WaitGroup
	next := time.Now()
	for i, msg := range msgs {
		next = next.Add(every)
		for time.Now().Before(next) {
			runtime.Gosched()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = send(msg)
		}()
	}
	wg.Wait()
	return errs
}
