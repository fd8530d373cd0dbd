// Kata 20, a tempting wrong fix: whoever comes last seals the box.
//
// Close marks the polls closed and seals the box only if no checker is still
// at work; otherwise the last checker to finish seals it. No lock, no waiting,
// and it works on most days. But Close returns before the box is sealed, and
// the two tests are separate atomic operations: when the last ballot goes in
// just as Close runs, both the checker and Close can find "polls closed and
// nobody left" true, and both close the channel (panic: close of closed
// channel). The specs check that Close returns only once it has sealed the
// box itself.
package ballot

import "sync/atomic"

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

	pending atomic.Int64 // checkers still on their way
	closing atomic.Bool  // Close has been called
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
	b.pending.Add(1)
	go func() {
		b.ballots <- b.check(voter, choice)
		if b.pending.Add(-1) == 0 && b.closing.Load() {
			close(b.ballots) // the last ballot after the polls closed seals the box
		}
	}()
}

// Close seals the box once every ballot cast is in it. Cast must not be
// called after Close.
func (b *Box) Close() {
	b.closing.Store(true)
	if b.pending.Load() == 0 {
		close(b.ballots)
	}
}

// Ballots is the box, for the counters: they range over it until it is
// sealed.
func (b *Box) Ballots() <-chan Ballot {
	return b.ballots
}
