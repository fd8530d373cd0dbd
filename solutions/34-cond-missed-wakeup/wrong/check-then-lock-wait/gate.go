// Kata 34, a tempting wrong fix: look at the flag under the lock, then wait
// under another hold of it.
//
// "Read open under the lock, so no data race; wait only if it was false."
// But Board lets go of the lock between the look and the Wait. An Open that
// runs in that gap sets open and broadcasts to nobody, since the passenger
// is not on the Cond's list yet; then she takes the lock again, trusts what
// she saw before, and waits for a call that is over. The Cond's promise,
// that no wake-up slips between the check and the wait, holds only when
// both happen under one hold of the lock. The gap is an Unlock and a Lock
// in a row, which the passenger nearly always wins; the specs put the agent
// first in line for the lock (sync.Mutex's starvation mode), so Open gets in
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
	open := g.open
	g.mu.Unlock()

	// WRONG: Open can run here; open above is then stale.
	g.mu.Lock()
	defer g.mu.Unlock()
	g.waiting++
	if !open {
		g.call.Wait()
	}
	g.waiting--
	g.boarded = append(g.boarded, name)
}

// Open opens boarding: every passenger waiting in Board boards, and so does
// every passenger who reaches the gate later.
func (g *Gate) Open() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.open = true
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
