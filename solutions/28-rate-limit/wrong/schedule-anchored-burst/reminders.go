// Kata 28, a tempting wrong fix: work out the schedule ahead, message i at
// start + i*every, and before each send wait on a timer until its moment.
//
// It is tempting because it paces the sends exactly, in order, parked on a
// timer, and it never drifts: a send that starts late does not push the
// later ones back. But that is the trouble. When SendAll falls behind (the
// laptop is suspended, the machine is busy for a while), every message whose
// moment has passed is due at once, and the loop sends them back to back: a
// burst the gateway throttles. A ticker keeps one beat waiting and drops the
// rest, so a late loop catches up by one send.
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
	start := time.Now()
	timer := time.NewTimer(0)
	defer timer.Stop()
	<-timer.C
	var wg sync.WaitGroup
	for i, msg := range msgs {
		// message i is due at start + i*every, however late we are
		if wait := time.Until(start.Add(time.Duration(i) * every)); wait > 0 {
			timer.Reset(wait)
			<-timer.C
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
