// Kata 34 · A boarding call nobody heard
//
// An airport gate holds passengers until boarding opens. A passenger who
// reaches the gate calls Board, which waits on a sync.Cond; the gate agent
// calls Open when the aircraft is ready, and Open signals the Cond. But a
// signal is not a state. It wakes a goroutine that is waiting at that very
// moment, one of them, and is then forgotten. A passenger who reaches the
// gate after the call waits for a call that was already made, and of a crowd
// waiting at the gate only one boards: the specs report a DEADLOCK in Board,
// at the Wait.
//
// Your job: make every passenger board, whether they reached the gate before
// or after Open. Keep the sync.Cond and the API; no time.Sleep.
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
	// TODO: Wait sleeps until the next call; a call made before this line
	// is never heard. What could the passenger look at, before and after
	// waiting, to know whether boarding is open?
	g.call.Wait()
	g.waiting--
	g.boarded = append(g.boarded, name)
}

// Open opens boarding: every passenger waiting in Board boards, and so does
// every passenger who reaches the gate later.
func (g *Gate) Open() {
	// TODO: Signal reaches one passenger who is waiting right now, and is
	// then gone. Leave something behind that a late passenger can see, and
	// make sure every waiting passenger hears the call.
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
