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
// Solution: the box counts its checkers with a sync.WaitGroup, and Close
// waits for all of them before it closes the channel. Each checker's Done
// comes after its send, and Wait returns only after the last Done: every send
// happens before the close, whatever the timing.
package ballot

import "sync"

// Ballot is one vote, as checked against the register.
type Ballot struct {
	Voter  string
	Choice string
}

// Box collects the ballots of one polling station. Use NewBox; Cast and Close
// are called from one goroutine, the station's. A Box must not be copied.
type Box struct {
	ballots chan Ballot // buffered; closed by Close, and by nothing else
	check   func(voter, choice string) Ballot

	casting sync.WaitGroup // counts the checkers whose ballot is not yet in the box
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
	// Add before go, on the station's goroutine: every Add then happens
	// before Close's Wait, so Wait cannot miss a checker still to start.
	b.casting.Add(1)
	go func() {
		// Done after the send: a checker counts out only once its ballot
		// is in the box.
		defer b.casting.Done()
		b.ballots <- b.check(voter, choice)
	}()
}

// Close seals the box once every ballot cast is in it, and returns after it
// has sealed it. Cast must not be called after Close. A checker waits for
// room in the box, so with more than size ballots cast, Close returns only
// once the counters have made room by reading.
func (b *Box) Close() {
	// The channel's senders are the checkers, so the close has to wait for
	// them: each Done synchronizes before the return of Wait, and so each
	// send happens before the close. A checker can no longer send on a
	// closed channel, and the race detector sees every send ordered.
	//
	// The tempting fix, a `closed` flag that Close sets and the checkers
	// test before they send, adds a second race instead of removing the
	// first: the flag is read and written with nothing to order them, and
	// a checker can test it just before Close sets it, then send after the
	// close. Recovering from the send's panic hides the crash, not the
	// race, and throws the late ballot away; see wrong/.
	b.casting.Wait()
	close(b.ballots)
}

// Ballots is the box, for the counters: they range over it until it is
// sealed.
func (b *Box) Ballots() <-chan Ballot {
	return b.ballots
}
