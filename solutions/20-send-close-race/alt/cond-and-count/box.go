// Kata 20 · A box sealed while ballots may still be on their way
//
// A correct alternative: a count of the ballots still being checked, kept
// under a mutex, and a sync.Cond on which Close waits for it to reach zero.
//
// Why it is also correct: Cast counts a ballot in before it starts its
// checker, on the station's goroutine, so Close cannot miss it. Each checker
// sends its ballot, then counts itself out under the lock and wakes Close.
// Close waits in a loop, under the lock, until the count is zero (Wait
// unlocks while it sleeps and locks again before it returns), so it closes
// the channel only after every send, and the mutex orders those sends before
// the close. It is the WaitGroup of the reference solution, written out.
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

	mu       sync.Mutex // protects checking
	checking int        // checkers whose ballot is not yet in the box
	idle     *sync.Cond // signalled, with mu, when checking drops to zero
}

// NewBox returns an open box with room for size ballots. check turns a vote
// into a Ballot once the voter is found in the register; it may be called
// from several goroutines at once.
func NewBox(size int, check func(voter, choice string) Ballot) *Box {
	b := &Box{ballots: make(chan Ballot, size), check: check}
	b.idle = sync.NewCond(&b.mu)
	return b
}

// Cast checks a vote on a goroutine of its own, then drops the ballot into
// the box. It returns at once.
func (b *Box) Cast(voter, choice string) {
	b.mu.Lock()
	b.checking++
	b.mu.Unlock()
	go func() {
		b.ballots <- b.check(voter, choice)
		b.mu.Lock()
		defer b.mu.Unlock()
		b.checking--
		if b.checking == 0 {
			b.idle.Broadcast()
		}
	}()
}

// Close seals the box once every ballot cast is in it. Cast must not be
// called after Close.
func (b *Box) Close() {
	b.mu.Lock()
	for b.checking > 0 {
		b.idle.Wait()
	}
	b.mu.Unlock()
	close(b.ballots)
}

// Ballots is the box, for the counters: they range over it until it is
// sealed.
func (b *Box) Ballots() <-chan Ballot {
	return b.ballots
}
