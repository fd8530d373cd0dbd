// Kata 20, a tempting wrong fix: recover from "send on closed channel".
//
// A ballot that arrives after the seal no longer crashes the station: the
// checker recovers from the panic and the ballot is quietly lost, which is
// its own bug. The race is untouched: nothing orders the send before the
// close, and the race detector reports them on every run, panic or not.
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
		defer func() {
			_ = recover() // too late for the box: the ballot is lost, but the station goes on
		}()
		b.ballots <- b.check(voter, choice)
	}()
}

// Close seals the box once every ballot cast is in it. Cast must not be
// called after Close.
func (b *Box) Close() {
	close(b.ballots)
}

// Ballots is the box, for the counters: they range over it until it is
// sealed.
func (b *Box) Ballots() <-chan Ballot {
	return b.ballots
}
