// Kata 16, a tempting wrong fix: after a timeout, Quote leaves a drainer
// goroutine to take the late answer, but the drainer waits at most
// 10×Patience (1 s), so that it cannot leak itself.
//
// Tempting because the drainer does free the sender of a slow airline, and a
// drainer that waits forever looks like a leak of its own. But it only ever
// waits for one answer that is sure to come. With its own timeout it is the
// bigger timeout again: an airline that answers more than about 1.1 s after
// the call finds the drainer gone, and the goroutine that asked it waits at
// its unbuffered send forever: the same leak, for slower airlines. A buffer
// of one lets that one send complete with nobody waiting at all.
package fare

import (
	"errors"
	"time"
)

// Patience is how long Quote waits for the airline's answer.
const Patience = 100 * time.Millisecond

// ErrTimeout is what Quote returns when the airline has not answered within
// Patience.
var ErrTimeout = errors.New("fare: the airline took too long to answer")

// answer is what the airline said about one flight.
type answer struct {
	cents int
	err   error
}

// Quote asks airline for the fare of flight, in cents, on a goroutine of its
// own, and returns its answer. If the airline has not answered within
// Patience, Quote returns ErrTimeout without waiting any longer.
func Quote(flight string, airline func(flight string) (cents int, err error)) (int, error) {
	answers := make(chan answer)

	go func() {
		cents, err := airline(flight)
		answers <- answer{cents: cents, err: err}
	}()

	timer := time.NewTimer(Patience)
	defer timer.Stop()
	select {
	case a := <-answers:
		return a.cents, a.err
	case <-timer.C:
		// Take the late answer off the sender's hands, but do not wait for ever.
		go func() {
			select {
			case <-answers:
			case <-time.After(10 * Patience):
			}
		}()
		return 0, ErrTimeout
	}
}
