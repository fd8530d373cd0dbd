// Kata 20, a tempting wrong fix: a Wait that gives up, but only after ten
// minutes.
//
// As the one-second version, Close waits for the counted checkers on a
// helper goroutine and seals the box when they are done or when its limit
// has passed; the limit is now longer than any check a quick test makes.
// That only makes the loss rarer: a check that takes longer still (the town
// hall's register is down for a while) drops its ballot into a sealed box, a
// send on a closed channel, and the station crashes. No limit on the waiting
// makes "seals the box after the last ballot" true; a deadline for the polls
// has to stop the checks themselves.
package ballot

import (
	"sync"
	"time"
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
	wg      sync.WaitGroup
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
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		b.ballots <- b.check(voter, choice)
	}()
}

// Close seals the box once every ballot cast is in it. Cast must not be
// called after Close.
func (b *Box) Close() {
	done := make(chan struct{})
	go func() {
		b.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Minute): // no check ever takes that long
	}
	close(b.ballots)
}

// Ballots is the box, for the counters: they range over it until it is
// sealed.
func (b *Box) Ballots() <-chan Ballot {
	return b.ballots
}
