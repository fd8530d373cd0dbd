// Kata 16, a tempting wrong fix: wait longer for the airline.
//
// With five times the patience, fewer airlines count as slow, and every page
// that does hit one waits five times longer. But an airline slower still
// answers after Quote has given up, just as before, and its goroutine waits
// forever at its send. No timeout can be long enough for every answer, and
// the leak only has to happen once in a while to pile up.
package fare

import (
	"errors"
	"time"
)

// Patience is how long Quote waits for the airline's answer.
const Patience = 500 * time.Millisecond

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
		return 0, ErrTimeout
	}
}
