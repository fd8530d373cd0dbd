// Kata 34, a tempting wrong fix: Broadcast instead of Signal, and nothing
// else.
//
// The crowd spec shows one passenger boarding and three left waiting, so
// Open now calls Broadcast, under the lock: every passenger waiting at that
// moment boards. But a Cond still remembers nothing: a passenger who reaches
// the gate after the call waits for a call that was already made.
package boarding

import "sync"

// Gate holds passengers until boarding opens. Use NewGate to make one.
type Gate struct {
	mu      sync.Mutex
	call    waker    // the boarding call: a sync.Cond (see call.go) whose L is &mu
	waiting int      // passengers inside Board, not yet boarded
	boarded []string // names, in boarding order
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
	g.call.Wait()
	g.waiting--
	g.boarded = append(g.boarded, name)
}

// Open opens boarding: every passenger waiting in Board boards, and so does
// every passenger who reaches the gate later.
func (g *Gate) Open() {
	g.mu.Lock()
	defer g.mu.Unlock()
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
