// Kata 20, a tempting wrong fix: Close waits for every checker, and a checker
// that finds the box full drops its ballot (a select with a default case).
//
// Tempting because Close is right, and the fear it answers is real: a checker
// blocked on a full box would hold Close up. But the counters make room as
// they read; the checker only has to wait for it. Throwing the ballot away
// loses every vote cast while the box is momentarily full.
package ballot

import "sync"

type Ballot struct {
	Voter  string
	Choice string
}

type Box struct {
	ballots chan Ballot
	check   func(voter, choice string) Ballot
	wg      sync.WaitGroup
}

func NewBox(size int, check func(voter, choice string) Ballot) *Box {
	return &Box{ballots: make(chan Ballot, size), check: check}
}

func (b *Box) Cast(voter, choice string) {
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		select {
		case b.ballots <- b.check(voter, choice):
		default: // box full: never block Close
		}
	}()
}

func (b *Box) Close() {
	b.wg.Wait()
	close(b.ballots)
}

func (b *Box) Ballots() <-chan Ballot {
	return b.ballots
}
