// Kata 28, a tempting wrong fix: a goroutine that turns the ticker's beats
// into permits, told to stop through a done channel, but whose send of the
// permit is not part of its select.
//
// It is tempting because it fixes the goroutine left running forever: the
// select on done and the tick ends it when the batch is over. But the select
// only guards the wait for a tick. Once the goroutine has a tick, it sends
// the permit with a plain send, and if the loop has taken its last permit
// that send waits for a receiver that will never come; done is closed while
// the goroutine is no longer looking at it. Whenever the last sends take
// longer than a beat, a tick arrives before done is closed, and the
// goroutine is stuck for good.
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
	permits := make(chan struct{})
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			permits <- struct{}{}
		}
	}()

	var wg sync.WaitGroup
	for i, msg := range msgs {
		<-permits
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = send(msg)
		}()
	}
	wg.Wait()
	close(done)
	return errs
}
