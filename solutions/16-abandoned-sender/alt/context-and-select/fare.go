// Kata 16 · A sender left behind by a timeout
//
// A correct alternative: the deadline is a context, and the goroutine's send
// selects on the answer channel and the context's Done.
//
// Why it is also correct: Quote cancels the context on every way out (the
// deferred cancel). A goroutine whose answer comes while Quote is still
// waiting meets Quote at the unbuffered channel; one whose answer comes after
// Quote has given up finds Done closed and returns without sending. Either
// way it finishes, and nobody closes the answer channel, so no send can meet
// a close. Unlike a select with a default case, the send waits for Quote
// while Quote is waiting, so no answer is dropped.
package fare

import (
	"context"
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
	ctx, cancel := context.WithTimeout(context.Background(), Patience)
	defer cancel() // tells a late goroutine that nobody will receive its answer

	answers := make(chan answer) // never closed

	go func() {
		cents, err := airline(flight)
		select {
		case answers <- answer{cents: cents, err: err}:
		case <-ctx.Done(): // Quote has given up
		}
	}()

	select {
	case a := <-answers:
		return a.cents, a.err
	case <-ctx.Done():
		return 0, ErrTimeout
	}
}
