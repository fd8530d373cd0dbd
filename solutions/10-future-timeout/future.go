// Kata 10 · A late answer after the timeout
//
// A travel site shows flight prices from several airlines. Each airline is
// asked for a quote on a goroutine of its own, behind a Future, and the page
// waits for each quote until a deadline; an airline that has not answered by
// then is shown as "no price". The answer takes two roads: the worker writes
// it into the Future's fields and then closes a channel, and the page, when
// the deadline comes first, writes ErrTimeout into one of those same fields.
// A slow airline answers anyway, a moment after the page gave up, and its
// worker writes the fields while the page writes and reads them: a data
// race, which `go test -race` reports.
//
// Solution: the answer travels only through the channel. The worker sends it
// on a channel with room for one value and touches nothing else; Get receives
// it and keeps it in fields that only Get's caller reads and writes. The send
// synchronizes before the receive that takes the value, so the caller sees a
// whole answer. A timeout writes nothing: Get just returns ErrTimeout, and the
// late answer waits in the buffer for the next Get, or for the garbage
// collector.
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
// goroutine of its own. Make one with Fetch; the zero Future is not usable.
// A Future must not be copied, and Get must not be called from two goroutines
// at once: the fields below belong to Get's caller.
type Future struct {
	// result carries the one answer from the worker to Get. The worker sends
	// exactly once and never closes it; only Get receives. Its buffer of one
	// lets the send complete even when no Get is waiting any more, so the
	// worker of an answer that came too late still returns.
	result chan answer

	// Touched only by Get, on its caller's goroutine; the worker never sees
	// them. got is false until Get has received the answer, which cents and
	// err then hold.
	got   bool
	cents int
	err   error
}

// Fetch calls fetch on a goroutine of its own and returns at once. fetch
// returns a price in cents, or an error.
func Fetch(fetch func() (cents int, err error)) *Future {
	f := &Future{result: make(chan answer, 1)}
	go func() {
		// The answer goes into the channel, not into f: the worker shares
		// no memory with Get, so there is nothing to lock. This send never
		// waits, thanks to the buffer. Without it (the tempting
		// make(chan answer)), a worker whose Get gave up blocks here
		// forever, holding its goroutine and the answer: a goroutine leak
		// for every airline that was late.
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
			// Nothing is written: the timeout is this call's result, not
			// the Future's state, so no late worker can overwrite it or be
			// overwritten by it. Putting a mutex around the two writes of
			// the old code instead (the tempting fix) still leaves this
			// Get's return reading fields the late worker writes; and even
			// with every access locked, the answer and ErrTimeout would
			// land in the same fields, in whichever order the two came.
			return 0, ErrTimeout
		}
	}
	return f.cents, f.err
}
