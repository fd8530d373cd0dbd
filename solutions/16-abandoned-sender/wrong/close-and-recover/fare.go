// Kata 16, a tempting wrong fix: close the channel when Quote returns, and
// recover the late sender's panic.
//
// Tempting because together they silence both symptoms: the close frees a
// sender that is waiting, and the recover swallows "send on closed channel".
// But a receiver closing a channel that its sender may still use is a close
// and a send with nothing ordering them: -race reports it as a data race
// whenever the airline answers while Quote is giving up, panic or no panic.
// Only the sender may close a channel; here nobody needs to, as a buffer of
// one shows.
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
	defer close(answers) // frees the goroutine if it is still waiting to send

	go func() {
		defer func() { _ = recover() }() // a send on the closed channel
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
