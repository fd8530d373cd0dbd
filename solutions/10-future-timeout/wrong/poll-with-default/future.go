// Kata 10, a tempting wrong fix: poll for the answer and the deadline in a
// loop, with a default case.
//
// Get never writes the Future, and reads cents and err only after seeing
// done closed, so there is no race, and every answer comes out right. But
// the select has a default case: when neither the answer nor the deadline
// is there yet, Get does not wait, it goes round again, and again, for as
// long as the airline takes. A page waiting on ten slow airlines keeps ten
// goroutines spinning on the processor. A select without a default already
// waits for whichever comes first, at no cost.
package quote

import (
	"errors"
	"runtime"
	"time"
)

// ErrTimeout is the error Get returns when its deadline came before the
// airline's answer.
var ErrTimeout = errors.New("quote: no answer before the deadline")

// A Future is one airline's answer to a request for a quote, fetched on a
// goroutine of its own. Make one with Fetch.
type Future struct {
	done chan struct{} // closed by the worker once cents and err are set

	cents int
	err   error
}

// Fetch calls fetch on a goroutine of its own and returns at once. fetch
// returns a price in cents, or an error.
func Fetch(fetch func() (cents int, err error)) *Future {
	f := &Future{done: make(chan struct{})}
	go func() {
		f.cents, f.err = fetch()
		close(f.done)
	}()
	return f
}

// Get waits for the airline's answer until a value arrives on deadline, and
// returns the price and the airline's error. If the deadline comes first, it
// returns 0 and ErrTimeout. A nil deadline never comes.
//
// Get may be called again, with a new deadline: a deadline gives up waiting,
// not the answer, and once the answer is in every Get returns it. Get must not
// be called from two goroutines at once.
func (f *Future) Get(deadline <-chan time.Time) (cents int, err error) {
	for {
		select {
		case <-f.done:
			return f.cents, f.err
		case <-deadline:
			return 0, ErrTimeout
		default:
			runtime.Gosched()
		}
	}
}
