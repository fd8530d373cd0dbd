// Kata 28 · Texts faster than the gateway allows
//
// A dental clinic texts an appointment reminder to every patient the evening
// before. SendAll hands each reminder to the SMS gateway on a goroutine of its
// own, because the gateway takes a while to answer each one. But the gateway
// accepts one message per `every` from each account, and throttles anything
// that comes sooner. SendAll never looks at the clock: it fires every
// reminder at once, and the specs' fake gateway sees messages microseconds
// apart where they had to be `every` apart.
//
// Your job: start no two sends closer together than every. Keep a goroutine
// per reminder and keep the API; no time.Sleep.
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
		// TODO: every is never used, so nothing holds a send back. Give the
		// loop a clock that beats once per every, and let each send wait for
		// its beat.
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = send(msg)
		}()
	}
	wg.Wait()
	return errs
}
