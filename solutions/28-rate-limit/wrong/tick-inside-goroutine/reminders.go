// Kata 28, a tempting wrong fix: one ticker, but every goroutine waits for a
// beat itself: all the goroutines start at once and each does <-t.C before
// its send.
//
// Tempting because the sends do go out one per beat. But a beat goes to
// whichever goroutine reached the ticker first, in the scheduler's order, not
// in the order of msgs, which SendAll promises; and a batch of thousands of
// reminders holds thousands of goroutines parked for hours. The spec that
// looks inside each send finds the later reminders' goroutines already
// parked, waiting for a beat of their own.
package reminders

import (
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
	t := time.NewTicker(every)
	defer t.Stop()
	var wg sync.WaitGroup
	for i, msg := range msgs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-t.C // one beat each: the sends are spaced, but in whose order?
			errs[i] = send(msg)
		}()
	}
	wg.Wait()
	return errs
}
