// Kata 28, a tempting wrong fix: pace the loop, and drop the goroutines.
//
// Each send now waits for its beat and then for the gateway's answer before
// the loop moves on. That never breaks the rate, but when the gateway takes
// longer to answer than one interval, the sends fall behind it: a batch that
// could go out at the gateway's rate goes out at the speed of its answers.
// Pacing decides when a send may start; it has no reason to wait for the
// previous one to end.
package reminders

import "time"

// SendAll calls send once for every message, each call on a goroutine of its
// own, starting the calls in order and no faster than one per every (every
// must be positive). It returns once every call has returned. errs[i] is the
// error send returned for msgs[i], or nil. send may be called from several
// goroutines at once.
func SendAll(msgs []string, every time.Duration, send func(msg string) error) (errs []error) {
	errs = make([]error, len(msgs))
	t := time.NewTicker(every)
	defer t.Stop()
	for i, msg := range msgs {
		<-t.C
		errs[i] = send(msg)
	}
	return errs
}
