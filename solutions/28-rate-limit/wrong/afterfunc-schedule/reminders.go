// Kata 28, a tempting wrong fix: schedule every send up front, message i on
// a timer of its own with time.AfterFunc(i*every), and wait for them all.
//
// It is tempting because there is no loop to pace and no clock to stop:
// each timer starts its send on a goroutine of its own at its moment, in
// order, and nothing is parked until then. But the timers do not know of
// each other. When the machine falls behind (suspended, or busy for a
// while), every timer whose moment has passed fires at once, and their
// sends reach the gateway microseconds apart, in whatever order the
// scheduler runs them: a burst the gateway throttles. A ticker keeps one
// beat waiting and drops the rest, so a late loop catches up by one send.
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
	var wg sync.WaitGroup
	for i, msg := range msgs {
		wg.Add(1)
		time.AfterFunc(time.Duration(i)*every, func() {
			defer wg.Done()
			errs[i] = send(msg)
		})
	}
	wg.Wait()
	return errs
}
