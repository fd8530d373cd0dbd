// Kata 28, a tempting wrong fix: no clock shared by the sends; goroutine i
// waits i*every on a timer of its own, counted from when it started, then
// sends.
//
// Tempting because in a quick test the sends come out one per beat and in
// order. But all the goroutines start at once and each measures from its own
// start: one the scheduler starts late fires late, and the next can overtake
// it or come right after it, so neither the order of msgs nor the spacing is
// SendAll's to keep; and a batch of thousands of reminders holds thousands of
// goroutines and timers for hours. The spec that looks inside each send finds
// the later reminders' goroutines already parked on their timers.
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
		go func() {
			defer wg.Done()
			<-time.After(time.Duration(i) * every) // message i is due i beats in
			errs[i] = send(msg)
		}()
	}
	wg.Wait()
	return errs
}
