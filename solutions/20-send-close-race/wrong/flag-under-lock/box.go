// Kata 20, a tempting wrong fix: a "sealed" flag, with the check, the send
// and the close all under one mutex.
//
// Tempting because it is free of races and panics: the flag is only touched
// under the lock, a checker sends only while the box is open, and Close
// cannot close in the middle of a send. But Close still does not wait. A
// ballot whose check is still at the town hall when the polls close finds the
// box sealed and is thrown away: a voter who voted in time is not counted.
// "Close seals the box once every ballot cast is in it" needs Close to wait
// for the checkers (a WaitGroup), not to lock them out.
package ballot

import "sync"

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

	mu     sync.Mutex // protects sealed, and orders each send before or after the close
	sealed bool       // set by Close
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
	go func() {
		ballot := b.check(voter, choice)
		b.mu.Lock()
		defer b.mu.Unlock()
		if !b.sealed {
			b.ballots <- ballot
		}
	}()
}

// Close seals the box once every ballot cast is in it. Cast must not be
// called after Close.
func (b *Box) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.sealed = true
	close(b.ballots)
}

// Ballots is the box, for the counters: they range over it until it is
// sealed.
func (b *Box) Ballots() <-chan Ballot {
	return b.ballots
}
