// Kata 34, a tempting wrong fix: forget the Cond, and poll a flag.
//
// A Cond is what lost the call, so Board now counts the passenger in, lets go
// of the lock and checks an atomic flag until Open sets it, yielding between
// looks. No call can be missed: the flag stays set. But a passenger waiting
// at the gate never sleeps; every one of them loops, burning a core, for as
// long as boarding stays closed.
package boarding

import (
	"runtime"
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
	g.mu.Unlock()
	for !g.open.Load() {
		runtime.Gosched()
	}
	g.mu.Lock()
	g.waiting--
	g.boarded = append(g.boarded, name)
}

// Open opens boarding: every passenger waiting in Board boards, and so does
// every passenger who reaches the gate later.
func (g *Gate) Open() {
	g.open.Store(true)
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
