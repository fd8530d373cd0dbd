// Kata 20, a tempting wrong fix: count the checkers with an atomic counter,
// and let Close loop until it reaches zero.
//
// Tempting because the order is right: each checker's send comes before its
// decrement, so when Close sees zero every ballot is in the box, and the
// atomic operations order the sends before the close. But Close does not
// wait, it polls: for as long as the slowest check takes (a call to the town
// hall), it spins on the counter and burns a core. sync.WaitGroup's Wait
// does the same count and parks instead.
package ballot

import (
	"runtime"
	"sync/atomic"
)

// Ballot is one vote, as checked against the register.
type Ballot struct {
	Voter  string
	Choice string
}

// Box collects the ballots of one polling station. Use NewBox; Cast and Close
// are called from one goroutine, the station's.
type Box struct {
	ballots chan Ballot // buffered; sealed (closed) by Close
	check   func(voter, choice string) Ballot

	checking atomic.Int64 // checkers whose ballot is not yet in the box
}

// NewBox returns an open box with room for size ballots. check turns a vote
// into a Ballot once the voter is found in the register; it may be called
// from several goroutines at once.
func NewBox(size int, check func(voter, choice string) Ballot) *Box {
	return &Box{ballots: make(chan Ballot, size), check: check}
}

// Cast checks a vote on a goroutine of its own, then drops the ballot into
// the box. It returns at once.
func (b *Box) Cast(voter, choice string) {
	b.checking.Add(1)
	go func() {
		defer b.checking.Add(-1)
		b.ballots <- b.check(voter, choice)
	}()
}

// Close seals the box once every ballot cast is in it. Cast must not be
// called after Close.
func (b *Box) Close() {
	for b.checking.Load() > 0 {
		runtime.Gosched() // let the checkers finish
	}
	close(b.ballots)
}

// Ballots is the box, for the counters: they range over it until it is
// sealed.
func (b *Box) Ballots() <-chan Ballot {
	return b.ballots
}
