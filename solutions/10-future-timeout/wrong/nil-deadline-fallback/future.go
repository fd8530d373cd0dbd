// Kata 10, a tempting wrong fix: the answer travels on a channel, and a nil
// deadline becomes a safety timeout.
//
// The worker sends its answer on a channel buffered for one and Get keeps
// what it receives, so the race is gone and no late worker is left behind.
// But "never wait forever on an airline" slipped in: a Get without a
// deadline waits ten seconds and then gives up. The doc says a nil deadline
// never comes; a caller that passed none waits for the answer itself,
// however late, and is not ready for ErrTimeout. The safety timeout is the
// caller's to choose, through the deadline it passes.
package quote

import (
	"errors"
	"time"
)

// ErrTimeout is the error Get returns when its deadline came before the
// airline's answer.
var ErrTimeout = errors.New("quote: no answer before the deadline")

// maxWait bounds a Get without a deadline.
const maxWait = 10 * time.Second

type result struct {
	cents int
	err   error
}

// A Future is one airline's answer to a request for a quote, fetched on a
// goroutine of its own. Make one with Fetch.
type Future struct {
	answer chan result
	got    bool
	r      result
}

// Fetch calls fetch on a goroutine of its own and returns at once. fetch
// returns a price in cents, or an error.
func Fetch(fetch func() (cents int, err error)) *Future {
	f := &Future{answer: make(chan result, 1)}
	go func() {
		c, err := fetch()
		f.answer <- result{c, err}
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
	if f.got {
		return f.r.cents, f.r.err
	}
	if deadline == nil {
		// Never wait forever on an airline: a hung worker would hang the page.
		deadline = time.After(maxWait)
	}
	select {
	case r := <-f.answer:
		f.got, f.r = true, r
		return r.cents, r.err
	case <-deadline:
		return 0, ErrTimeout
	}
}
