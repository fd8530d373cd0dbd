// Kata 34, a tempting wrong fix: a correct Cond, and a Boarded without the
// copy.
//
// The boarding call is fixed the right way: Open sets the state and calls
// Broadcast under the lock, and Board waits in a loop while boarding is
// closed. Then Boarded is "simplified": it returns the gate's own slice
// instead of a copy, since the names are only ever appended to. But the
// slice a caller gets is the caller's to use, and this one is the gate's
// record. A reader that sorts its list reorders the gate's boarding order
// for every later reader; one that appends to it writes the spare slot that
// the next Board's append writes too.
package boarding

import "sync"

type Gate struct {
	mu      sync.Mutex
	call    waker
	waiting int
	boarded []string
	open    bool // boarding has been called; guarded by mu
}

func NewGate() *Gate {
	g := &Gate{}
	g.call = newCall(&g.mu)
	return g
}

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

func (g *Gate) Open() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.open = true
	g.call.Broadcast()
}

func (g *Gate) Waiting() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.waiting
}

// Boarded returns the names of the passengers who have boarded, in the order
// they boarded. The slice header is read under the lock; the names it shows
// are never changed, only appended to, so no copy is needed.
func (g *Gate) Boarded() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.boarded
}
