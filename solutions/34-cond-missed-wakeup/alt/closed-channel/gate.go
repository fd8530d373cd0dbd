// Kata 34, a correct alternative: a channel closed once, instead of a Cond.
//
// A closed channel is a state, not an event: every receive from it, before
// or after the close, returns at once. So boarding opens by closing a
// channel, and a passenger waits by receiving from it. A passenger who
// arrives after Open receives at once; a crowd waiting at the gate all wake
// at the close; and there is no window between looking and waiting, because
// the receive is both. sync.Once makes a second Open harmless (closing a
// channel twice panics). The mutex now guards only the counts and the names,
// and nobody waits while holding it. (The kata asks learners to keep the
// Cond, to learn to use one; this is the design a Go reviewer would likely
// suggest instead.)
package boarding

import "sync"

// Gate holds passengers until boarding opens. Use NewGate to make one; a Gate
// must not be copied. Once open, a gate stays open.
type Gate struct {
	opened chan struct{} // closed by Open, once; never sent on
	once   sync.Once     // guards the close of opened

	mu      sync.Mutex // protects waiting and boarded; never held while waiting
	waiting int        // passengers inside Board, not yet boarded
	boarded []string   // names, in boarding order
}

// NewGate returns a gate where boarding has not opened yet.
func NewGate() *Gate {
	return &Gate{opened: make(chan struct{})}
}

// Board waits at the gate until boarding is open, then boards the passenger
// called name. Once Open has been called, Board boards at once.
func (g *Gate) Board(name string) {
	g.mu.Lock()
	g.waiting++
	g.mu.Unlock()

	<-g.opened

	g.mu.Lock()
	defer g.mu.Unlock()
	g.waiting--
	g.boarded = append(g.boarded, name)
}

// Open opens boarding: every passenger waiting in Board boards, and so does
// every passenger who reaches the gate later. Calling Open again does nothing
// more.
func (g *Gate) Open() {
	g.once.Do(func() { close(g.opened) })
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
