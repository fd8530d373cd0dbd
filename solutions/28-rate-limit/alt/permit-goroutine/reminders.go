// Kata 28 · A rate limit — a correct alternative: a goroutine of its own
// turns the ticker's beats into permits, and the loop takes one permit per
// send.
//
// Why it is also correct: the loop still starts each send only after one
// beat of its own, so the pace is never faster than one per every. The
// permit goroutine waits for a tick and then offers the permit in a select
// that also watches done, so it is never stuck on either wait: once the
// batch is over, SendAll closes done, and the goroutine returns whether it
// is waiting for a tick or offering a permit nobody takes. Its ticker is
// stopped on its way out.
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
	permits := make(chan struct{}) // one value per beat; the loop below takes them
	done := make(chan struct{})    // closed by SendAll when the batch is over
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			select {
			case permits <- struct{}{}:
			case <-done:
				return
			}
		}
	}()
	defer close(done)

	var wg sync.WaitGroup
	for i, msg := range msgs {
		<-permits
		wg.Go(func() { errs[i] = send(msg) })
	}
	wg.Wait()
	return errs
}
