// Kata 10, a tempting wrong fix: a flag that tells the worker it is too late.
//
// Get sets timedOut when it gives up, and the worker keeps its answer to
// itself if it finds the flag set, so it never overwrites ErrTimeout. But the
// flag is one more field that two goroutines touch with nothing to order
// them: the worker may read it just before Get sets it, and the race detector
// reports the flag and the fields. The late answer is thrown away, too, so a
// second Get finds no price.
package quote

import (
	"errors"
	"time"
)

// ErrTimeout is the error Get returns when its deadline came before the
// airline's answer.
var ErrTimeout = errors.New("quote: no answer before the deadline")

// A Future is one airline's answer to a request for a quote, fetched on a
// goroutine of its own. Make one with Fetch.
type Future struct {
	done chan struct{} // closed by the worker once it has answered

	timedOut bool // set by Get when it gives up: the worker then stores nothing
	cents    int
	err      error
}

// Fetch calls fetch on a goroutine of its own and returns at once. fetch
// returns a price in cents, or an error.
func Fetch(fetch func() (cents int, err error)) *Future {
	f := &Future{done: make(chan struct{})}
	go func() {
		cents, err := fetch()
		if !f.timedOut {
			f.cents, f.err = cents, err
		}
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
	select {
	case <-f.done:
		return f.cents, f.err
	case <-deadline:
		f.timedOut = true
		return 0, ErrTimeout
	}
}
