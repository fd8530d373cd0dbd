// Kata 16, a tempting wrong fix: a send that never waits, through a select
// with a default case.
//
// Tempting because the leak is gone: when Quote has given up, nobody is
// receiving, and the goroutine drops the answer and returns. But the default
// case drops the answer whenever Quote is not parked at its receive at that
// very instant, and an airline that answers at once can answer while Quote is
// still starting its timer. The fare is lost, Quote waits out Patience and
// says "fare unavailable" for a flight the airline priced in a microsecond.
// On a quiet machine it almost never happens; with many pages at once, it
// does.
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
		select {
		case answers <- answer{cents: cents, err: err}:
		default: // Quote has given up: drop the answer rather than wait
		}
	}()

	select {
	case a := <-answers:
		return a.cents, a.err
	case <-time.After(Patience):
		return 0, ErrTimeout
	}
}
