// Kata 28, a tempting wrong fix: each send sleeps one interval first.
//
// The loop still starts every goroutine at once, so every goroutine starts
// its sleep at the same moment, wakes at the same moment, and sends at the
// same moment: the whole burst, one interval late. A sleep delays the
// goroutine that sleeps; it spaces nothing out from the others.
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
			time.Sleep(every)
			errs[i] = send(msg)
		}()
	}
	wg.Wait()
	return errs
}
