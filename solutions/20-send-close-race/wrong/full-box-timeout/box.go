// Kata 20, a tempting wrong fix: a WaitGroup and a Close that waits and then
// seals, as in the solution, but a checker that finds the box full gives up
// after 30 s, "so that stalled counters cannot hold Close up for ever".
//
// Tempting because the seal is now right (Add in Cast, Done deferred in the
// checker, Close = Wait, then close), and the time limit looks defensive.
// But counters that stall for longer with the box full (a recount, a
// break) come back to a box without the ballots that were waiting for room:
// those votes are lost, and the box is sealed as if they had never been
// cast. A checker must wait for room as long as the counters take.
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
	wg      sync.WaitGroup // checkers that have not finished yet
}

// maxFullWait is how long a checker waits for room in a full box.
const maxFullWait = 30 * time.Second

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
		ballot := b.check(voter, choice)
		t := time.NewTimer(maxFullWait)
		defer t.Stop()
		select {
		case b.ballots <- ballot:
		case <-t.C: // the counters have stopped: do not hold Close up for ever
		}
	}()
}

// Close seals the box once every ballot cast is in it. Cast must not be
// called after Close.
func (b *Box) Close() {
	b.wg.Wait()
	close(b.ballots)
}

// Ballots is the box, for the counters: they range over it until it is
// sealed.
func (b *Box) Ballots() <-chan Ballot {
	return b.ballots
}
