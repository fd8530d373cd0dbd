// Kata 16, a tempting wrong fix: a one-slot channel, as in the solution, but
// recycled through a sync.Pool to save an allocation per quote, and put back
// in the pool when Quote returns.
//
// Tempting because the buffer of one is the right idea, and pooling looks
// like a harmless optimisation for a page that calls Quote a lot. But after
// a timeout the channel goes back to the pool while the late answer is still
// on its way. If the next Quote that takes that channel times out too, two
// late answers come for its one slot, and the goroutine of the second waits
// to send forever: the leak is back. (And a Quote that takes the channel
// after a late answer has landed in it finds another flight's fare already
// waiting, and shows it.) A channel that can still receive a send belongs to
// its sender until that send has happened: each Quote needs a channel of its
// own.
package fare

import (
	"errors"
	"sync"
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

// answerChans recycles the one-slot channels: the fare page calls Quote a lot.
var answerChans = sync.Pool{New: func() any { return make(chan answer, 1) }}

// Quote asks airline for the fare of flight, in cents, on a goroutine of its
// own, and returns its answer. If the airline has not answered within
// Patience, Quote returns ErrTimeout without waiting any longer.
func Quote(flight string, airline func(flight string) (cents int, err error)) (int, error) {
	answers := answerChans.Get().(chan answer)
	defer answerChans.Put(answers)

	go func() {
		cents, err := airline(flight)
		answers <- answer{cents: cents, err: err} // one slot: never blocks
	}()

	timer := time.NewTimer(Patience)
	defer timer.Stop()
	select {
	case a := <-answers:
		return a.cents, a.err
	case <-timer.C:
		return 0, ErrTimeout
	}
}
