// Kata 10, a tempting wrong fix: the answer on an unbuffered channel.
//
// The fields are Get's alone now, so the race is gone. But an unbuffered send
// waits for a receiver, and after a timeout nobody may ever receive: the
// worker of a late answer blocks at its send forever. Every airline that
// missed a deadline leaves a goroutine behind, and the leak check that ends
// each spec reports it.
package quote

import (
	"errors"
	"time"
)

// ErrTimeout is the error Get returns when its deadline came before the
// airline's answer.
var ErrTimeout = errors.New("quote: no answer before the deadline")

// answer is what the airline said: a price in cents, or an error.
type answer struct {
	cents int
	err   error
}

// A Future is one airline's answer to a request for a quote, fetched on a
// goroutine of its own. Make one with Fetch.
type Future struct {
	result chan answer // the worker sends the answer once; only Get receives

	got   bool // touched only by Get's caller, like cents and err
	cents int
	err   error
}

// Fetch calls fetch on a goroutine of its own and returns at once. fetch
// returns a price in cents, or an error.
func Fetch(fetch func() (cents int, err error)) *Future {
	f := &Future{result: make(chan answer)}
	go func() {
		cents, err := fetch()
		f.result <- answer{cents: cents, err: err}
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
	if !f.got {
		select {
		case a := <-f.result:
			f.got, f.cents, f.err = true, a.cents, a.err
		case <-deadline:
			return 0, ErrTimeout
		}
	}
	return f.cents, f.err
}
