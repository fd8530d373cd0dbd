// Kata 28, a tempting wrong fix: a goroutine that hands out the beats.
//
// The pace is right: a goroutine of its own turns the ticker's beats into
// permits, and the loop takes one permit per send. But nobody tells that
// goroutine when the batch is over. After SendAll returns it waits forever to
// hand out a permit nobody will take, and its ticker is never stopped: one
// goroutine left behind per batch, even for an empty one.
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
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for range t.C {
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
	return errs
}
