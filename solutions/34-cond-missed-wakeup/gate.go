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
// Solution: the call becomes a state, open, guarded by the Cond's own lock.
// Open sets it and Broadcasts while holding the lock; Board checks it in a
// loop, `for !g.open { g.call.Wait() }`, also under the lock. A passenger who
// comes late sees open and never waits; one who came early is woken by the
// Broadcast, with every other waiter, and finds open set.
package boarding

import "sync"

// Gate holds passengers until boarding opens. Use NewGate to make one; a Gate
// must not be copied. Once open, a gate stays open.
type Gate struct {
	mu      sync.Mutex // protects open, waiting and boarded
	call    waker      // the boarding call; its L is &mu; broadcast when open is set
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
// called name. Once Open has been called, Board boards at once. Board may be
// called from many goroutines at once, before or after Open.
func (g *Gate) Board(name string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.waiting++
	// The predicate is checked under the lock, and Wait releases that lock
	// only once this goroutine is on the Cond's list: an Open that runs in
	// between cannot set open and Broadcast unseen, because it needs the
	// lock to do either. If open is already set, there is nothing to wait
	// for. A wake-up only says "look again": Wait returns with the lock held
	// and the loop checks open once more before going on. Here an `if` would
	// happen to do, since open never goes back to false; with a condition
	// that can change again (a queue another consumer empties first), an
	// `if` goes on after a wake-up that is already stale. The loop is the
	// rule.
	for !g.open {
		g.call.Wait()
	}
	g.waiting--
	g.boarded = append(g.boarded, name)
}

// Open opens boarding: every passenger waiting in Board boards, and so does
// every passenger who reaches the gate later. Calling Open again does nothing
// more.
func (g *Gate) Open() {
	// The state change and the Broadcast happen under the lock the waiters
	// check open under: Unlock synchronizes before their next Lock, so each
	// waiter that wakes sees open set. Writing open without the lock (see
	// wrong/unlocked-open) is a data race with every check in Board.
	//
	// Broadcast wakes every waiter; Signal wakes one. The tempting fix that
	// adds the loop and the flag but keeps Signal (wrong/signal-one) boards
	// the first passenger of a crowd and leaves the rest waiting forever:
	// nobody calls Open twice.
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
