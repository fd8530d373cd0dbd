// Kata 28, a tempting wrong fix: send the first reminder at once, then, before
// each next one, loop until every has passed since the last send, yielding
// while it waits.
//
// It is tempting because the pacing is exact, the sends start in order, no
// ticker is left to stop, and there is no time.Sleep; the first reminder does
// not even wait a beat. But the wait is a loop that asks the clock again and
// again: for an evening of reminders a second apart, the caller's goroutine
// runs without pause and burns a core doing nothing, and on one core it
// competes with the very sends it paces. A ticker (or a timer) parks the
// goroutine until the beat.
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
	var last time.Time
	for i, msg := range msgs {
		if i > 0 {
			for time.Since(last) < every {
				runtime.Gosched()
			}
		}
		last = time.Now()
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = send(msg)
		}()
	}
	wg.Wait()
	return errs
}
