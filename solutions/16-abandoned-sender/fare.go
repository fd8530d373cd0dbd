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
// Solution: the channel gets a buffer of 1. The goroutine sends exactly one
// answer, so its send always finds room: if Quote is still waiting, Quote
// receives it; if Quote has given up, it stays in the buffer, the goroutine
// returns, and the channel and the answer are garbage collected together.
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
//
// After a timeout the call to airline goes on: its goroutine returns as soon
// as airline does, so airline must return eventually, and may run after
// Quote has returned.
func Quote(flight string, airline func(flight string) (cents int, err error)) (int, error) {
	// One slot for the one answer: the goroutine's send never waits for a
	// receiver, so it completes even after Quote has stopped listening.
	// Nobody closes answers: it carries one value, and no one ranges over it.
	//
	// The tempting fixes fail. A longer Patience only changes which airlines
	// count as slow: one slower still leaves its goroutine stuck the same
	// way. Closing answers when the timeout wins, "to let the sender go",
	// makes its late send panic: closing wakes receivers, never senders.
	answers := make(chan answer, 1)

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
