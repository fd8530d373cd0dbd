// Kata 16, a tempting wrong fix: close the channel when the timeout wins, to
// let the goroutine go.
//
// Closing a channel wakes the goroutines receiving from it, not the one about
// to send on it. When the airline's late answer comes, the goroutine sends on
// a closed channel, and that send panics: the whole program goes down with
// it. A channel is closed by its sender, never by a receiver that wants to
// get rid of one.
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

	select {
	case a := <-answers:
		return a.cents, a.err
	case <-time.After(Patience):
		close(answers)
		return 0, ErrTimeout
	}
}
