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
// Your job: make a Future safe however late the answer comes. Keep the
// goroutine in Fetch and keep the API; no time.Sleep.
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

	// TODO: the worker writes these on its goroutine, and Get writes and
	// reads them on the caller's; after a timeout, nothing orders the two.
	// Which goroutine should own them, and how else can the answer travel?
	cents int
	err   error
}

// Fetch calls fetch on a goroutine of its own and returns at once. fetch
// returns a price in cents, or an error.
func Fetch(fetch func() (cents int, err error)) *Future {
	f := &Future{done: make(chan struct{})}
	go func() {
		// TODO: this store can come after Get has given up, and then
		// nothing orders it against what Get reads and writes.
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
	case <-deadline:
		// TODO: the worker may still be about to write err and cents.
		// A timeout belongs to this one wait, not to the Future.
		f.err = ErrTimeout
	}
	return f.cents, f.err
}
