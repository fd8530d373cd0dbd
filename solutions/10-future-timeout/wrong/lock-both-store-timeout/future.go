// Kata 10, a tempting wrong fix: a mutex around every access to cents and
// err, on both sides, and the timeout still stored in the Future.
//
// The worker's store and Get's store and loads all take mu, so the race
// detector is silent. But the timeout is still written into f.err, the
// field that holds the airline's answer. When the answer is already in and
// a Get's deadline has passed too, select picks either case at random; if
// it picks the deadline, ErrTimeout overwrites the answer, and every later
// Get, even one that finds the answer ready, returns ErrTimeout. A timeout
// is the result of one wait, not part of the Future: return it, never
// store it.
package quote

import (
	"errors"
	"sync"
	"time"
)

// ErrTimeout is the error Get returns when its deadline came before the
// airline's answer.
var ErrTimeout = errors.New("quote: no answer before the deadline")

// A Future is one airline's answer to a request for a quote, fetched on a
// goroutine of its own. Make one with Fetch.
type Future struct {
	done chan struct{} // closed by the worker once cents and err are set

	mu    sync.Mutex // protects cents and err
	cents int
	err   error
}

// Fetch calls fetch on a goroutine of its own and returns at once. fetch
// returns a price in cents, or an error.
func Fetch(fetch func() (cents int, err error)) *Future {
	f := &Future{done: make(chan struct{})}
	go func() {
		cents, err := fetch()
		f.mu.Lock()
		f.cents, f.err = cents, err
		f.mu.Unlock()
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
	case <-deadline:
		f.mu.Lock()
		f.err = ErrTimeout
		f.mu.Unlock()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.cents, f.err
}
