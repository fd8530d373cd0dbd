// Kata 16 · A sender left behind by a timeout
//
// A travel site shows the airline's live fare next to every flight. Quote
// asks the airline's API on a goroutine of its own and waits for the answer,
// but never longer than Patience: a page that waits for a slow airline is a
// page nobody sees. When the airline is slow, the timeout wins, Quote returns
// ErrTimeout and the page shows "fare unavailable". The airline answers a
// little later, and the goroutine sends the fare on an unbuffered channel
// that nobody will ever receive from again. It waits there forever: every
// slow answer leaves a goroutine behind, which the check at the end of each
// spec reports as "LEAK:".
//
// Your job: let the goroutine finish whether or not Quote is still waiting
// for it. Keep the goroutine, keep the timeout and keep the API; no
// time.Sleep.
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
	// TODO: when the timeout wins the select below, nobody will ever receive
	// from answers again, yet the goroutine still has its send to make. Give
	// that one send somewhere to go.
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
