// Kata 34, a tempting wrong fix: one Signal per waiting passenger.
//
// Board waits in a loop while boarding is closed, and Open sets the state
// under the lock: the missed call is fixed. Then, instead of Broadcast, Open
// counts the passengers at the gate with Waiting and calls Signal that many
// times, one call per passenger. But Waiting takes and releases the lock,
// and Open takes it again to open boarding: a passenger who gets the lock in
// between finds boarding closed, goes into Wait, and is not in the count.
// The Signals wake the passengers who were counted, and the newcomer waits
// forever at an open gate. The gap is an Unlock and a Lock in a row, which
// the unlocker nearly always wins; the specs put the passenger first in line
// for the lock (sync.Mutex's starvation mode), so she gets in on every run.
package boarding

import "sync"

type Gate struct {
	mu      sync.Mutex
	call    waker
	waiting int
	boarded []string
	open    bool
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
	n := g.Waiting() // how many need a call
	g.mu.Lock()
	defer g.mu.Unlock()
	g.open = true
	for i := 0; i < n; i++ {
		g.call.Signal() // one call per waiting passenger
	}
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
