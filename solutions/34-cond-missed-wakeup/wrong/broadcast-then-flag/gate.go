// Kata 34, a tempting wrong fix: call boarding, then set the flag, in two
// holds of the lock.
//
// "Wake everyone first, then mark the gate open; both under the lock, so no
// data race." Each step is locked, but Open lets go of the lock between
// them. A passenger who takes the lock in that gap finds open still false
// and goes into Wait after the Broadcast is over: nobody calls boarding
// again, and the passenger waits forever. The gap is an Unlock and a Lock in
// a row, which the unlocker nearly always wins; the specs put the passenger
// first in line for the lock (sync.Mutex's starvation mode), so she gets in
// on every run.
package boarding

import "sync"

// Gate holds passengers until boarding opens. Use NewGate to make one; a Gate
// must not be copied. Once open, a gate stays open.
type Gate struct {
	mu      sync.Mutex // protects open, waiting and boarded
	call    waker      // the boarding call; its L is &mu
	open    bool       // boarding has opened
	waiting int        // passengers inside Board, not yet boarded
	boarded []string   // names, in boarding order
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
	for !g.open {
		g.call.Wait()
	}
	g.waiting--
	g.boarded = append(g.boarded, name)
}

// Open opens boarding: every passenger waiting in Board boards, and so does
// every passenger who reaches the gate later.
func (g *Gate) Open() {
	g.mu.Lock()
	g.call.Broadcast()
	g.mu.Unlock()

	// WRONG: a passenger can take the lock here, find open false, and wait
	// for the call that was just made.
	g.mu.Lock()
	g.open = true
	g.mu.Unlock()
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
