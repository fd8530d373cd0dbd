// Kata 20, a tempting wrong fix: a sync.Cond waited on with `if`, not `for`.
//
// Close counts the checkers still at work and waits on a condition variable
// while any are. But it tests the count once: the first checker to finish
// broadcasts, Close wakes up and seals the box although other checkers are
// still at the town hall, and the next one to come back sends on a closed
// channel and panics. A woken waiter must test its condition again; the
// specs hold two ballots back and let them come in one at a time.
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

	mu      sync.Mutex
	cond    *sync.Cond
	pending int // checkers that have not yet dropped their ballot in
}

// NewBox returns an open box with room for size ballots. check turns a vote
// into a Ballot once the voter is found in the register; it may be called
// from several goroutines at once.
func NewBox(size int, check func(voter, choice string) Ballot) *Box {
	b := &Box{ballots: make(chan Ballot, size), check: check}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// Cast checks a vote on a goroutine of its own, then drops the ballot into
// the box. It returns at once.
func (b *Box) Cast(voter, choice string) {
	b.mu.Lock()
	b.pending++
	b.mu.Unlock()
	go func() {
		b.ballots <- b.check(voter, choice)
		b.mu.Lock()
		b.pending--
		b.mu.Unlock()
		b.cond.Broadcast()
	}()
}

// Close seals the box once every ballot cast is in it. Cast must not be
// called after Close.
func (b *Box) Close() {
	b.mu.Lock()
	if b.pending > 0 {
		b.cond.Wait()
	}
	b.mu.Unlock()
	close(b.ballots)
}

// Ballots is the box, for the counters: they range over it until it is
// sealed.
func (b *Box) Ballots() <-chan Ballot {
	return b.ballots
}
