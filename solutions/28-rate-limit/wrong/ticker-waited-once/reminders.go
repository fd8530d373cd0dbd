// Kata 28, a tempting wrong fix: a ticker, waited for once.
//
// The ticker is made and stopped properly, but the loop waits for its first
// beat only, before the first send. After that nothing holds the loop back:
// the other sends all start at once, one interval late. A ticker paces only
// the receives from its channel, so it needs one receive per send.
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
	t := time.NewTicker(every)
	defer t.Stop()
	<-t.C
	for i, msg := range msgs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = send(msg)
		}()
	}
	wg.Wait()
	return errs
}
