// Kata 20 · A box sealed while ballots may still be on their way
//
// A polling station takes votes all day. Cast hands each ballot to a goroutine
// of its own, which checks the voter against the register (slow: it asks the
// town hall) and then drops the ballot into the box, a buffered channel. When
// the polls close, Close seals the box by closing the channel, and the
// counters range over it. Close does not wait for the ballots still being
// checked: nothing orders a checker's send before the close. In the specs
// every ballot is in the box before the polls close, so nothing crashes; on a
// busy day a ballot arrives after the seal and the program panics ("send on
// closed channel"). `go test -race` reports the send and the close as a data
// race on every run, crash or not.
//
// Your job: make Close seal the box only after every ballot cast is in it.
// Keep one goroutine per ballot, the channel and the API; no time.Sleep.
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
		b.ballots <- b.check(voter, choice)
	}()
}

// Close seals the box once every ballot cast is in it. Cast must not be
// called after Close.
func (b *Box) Close() {
	// TODO: a checker may still be about to drop its ballot in. Which
	// goroutines have to be finished before the box can be sealed, and how
	// can Close know they are?
	close(b.ballots)
}

// Ballots is the box, for the counters: they range over it until it is
// sealed.
func (b *Box) Ballots() <-chan Ballot {
	return b.ballots
}
