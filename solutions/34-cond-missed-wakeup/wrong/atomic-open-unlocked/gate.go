// Kata 34, a tempting wrong fix: an atomic flag, set and broadcast without
// the lock.
//
// Board waits in a loop while the flag is not set, and Open sets it and
// calls Broadcast, so late passengers and crowds both board. The flag is an
// atomic.Bool, so there is no data race, and Broadcast may be called without
// holding the lock, so Open does not take it. But the lock is what made the
// check and the Wait one step as far as Open is concerned: a passenger who
// has just found the flag unset, and is on the way into Wait, can have the
// whole Open happen in between. The Broadcast finds nobody on the Cond's
// list, the passenger then waits, and no call ever comes again.
package boarding

import (
	"sync"
	"sync/atomic"
)

// Gate holds passengers until boarding opens. Use NewGate to make one.
type Gate struct {
	mu      sync.Mutex
	call    waker       // the boarding call: a sync.Cond (see call.go) whose L is &mu
	open    atomic.Bool // boarding has opened
	waiting int         // passengers inside Board, not yet boarded
	boarded []string    // names, in boarding order
}

// NewGate returns a gate where boarding has not opened yet.
func NewGate() *Gate {
	g := &Gate{}
	g.call = newCall(&g.mu)
	return g
}

// Board waits at the gate until boarding is open, then boards the passenger
// called name. Once Open has been called, Board boards at once.
func (g *Gate) Board(name string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.waiting++
	for !g.open.Load() {
		g.call.Wait()
	}
	g.waiting--
	g.boarded = append(g.boarded, name)
}

// Open opens boarding: every passenger waiting in Board boards, and so does
// every passenger who reaches the gate later.
func (g *Gate) Open() {
	g.open.Store(true)
	g.call.Broadcast()
}

// Waiting is how many passengers are at the gate, waiting to board.
func (g *Gate) Waiting() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.waiting
}

// Boarded returns the names of the passengers who have boarded, in the order
// they boarded.
func (g *Gate) Boarded() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]string(nil), g.boarded...)
}
