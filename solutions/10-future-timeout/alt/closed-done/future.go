// Kata 10 · A late answer after the timeout, a correct alternative: the
// worker writes the answer, then closes done; Get reads it only after
// seeing done closed, and never writes.
//
// The reference sends the answer on a channel and lets Get keep it. Here
// the answer stays in cents and err, written by the worker alone, and only
// before close(done): closing a channel synchronizes before every receive
// that sees it closed, so a Get that received from done reads the whole
// answer. A Get whose deadline came first returns 0 and ErrTimeout without
// touching the Future, so the late worker has nothing to race with, and the
// next Get still finds the answer. Get looks at done on its own first, so
// once the answer is in it wins even over a deadline that has also passed.
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
	done chan struct{} // closed by the worker once cents and err are set

	// Written only by the worker, before it closes done; read only after a
	// receive from done.
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
	select {
	case <-f.done:
		return f.cents, f.err
	default:
	}
	select {
	case <-f.done:
		return f.cents, f.err
	case <-deadline:
		return 0, ErrTimeout
	}
}
