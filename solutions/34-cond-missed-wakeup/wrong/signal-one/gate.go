// Kata 34, a tempting wrong fix: the flag and the loop, but still Signal.
//
// A late passenger now sees open and boards, and a single waiting passenger
// is woken. But Signal wakes one waiter: of a crowd at the gate, the first
// boards and the others sleep on in Wait, since nobody calls Open twice.
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
	defer g.mu.Unlock()
	g.open = true
	g.call.Signal()
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
