// Kata 10, a tempting wrong fix: a mutex around the worker's store.
//
// The worker now writes the fields under a lock, but Get still writes
// ErrTimeout and reads the fields without it. A lock orders only the code
// that takes it: Get's accesses after a timeout are as unordered with the
// late worker's store as before, and the race detector reports the same race.
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
		f.err = ErrTimeout
	}
	return f.cents, f.err
}
