// Kata 20, a tempting wrong fix: a `closed` flag, tested before each send.
//
// Close sets the flag, then closes; a checker sends only if the flag is not
// set. But the flag is one more variable that two goroutines touch with
// nothing to order them: the race detector now reports it as well as the
// send and the close. And a checker can test the flag just before Close sets
// it, then send just after the close, and panic as before.
package ballot

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
	closed  bool // set by Close; a checker that sees it keeps its ballot
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
		if !b.closed {
			b.ballots <- ballot
		}
	}()
}

// Close seals the box once every ballot cast is in it. Cast must not be
// called after Close.
func (b *Box) Close() {
	b.closed = true
	close(b.ballots)
}

// Ballots is the box, for the counters: they range over it until it is
// sealed.
func (b *Box) Ballots() <-chan Ballot {
	return b.ballots
}
