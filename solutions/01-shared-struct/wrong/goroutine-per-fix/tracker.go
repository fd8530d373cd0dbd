// Kata 01, a tempting wrong fix: lock Move and Where, and in Follow apply
// each fix on a goroutine of its own, "so that the GPS feed never waits on
// the lock", closing done once a WaitGroup says every Move has run.
//
// The lock makes every Move and Where whole, and the race detector is
// silent. But the goroutines take the lock in the order the scheduler runs
// them, not the order the fixes arrived: fix 41 can be applied after fix 42.
// The count still comes out right, yet the dashboard shows the van at an
// older fix, with the count of a newer one, and the last position shown is
// not the last the van sent. Fixes from one van are a sequence: apply them
// on the one goroutine that receives them, in order.
package tracker

import "sync"

// Position is where a van was at one GPS fix. Seq counts the fixes applied.
type Position struct {
	Lat, Lon float64
	Seq      int
}

// Fix is one GPS reading sent by a van.
type Fix struct {
	Lat, Lon float64
}

// Tracker holds the last known position of one van. The zero value is a van
// that has not reported yet.
type Tracker struct {
	mu  sync.Mutex
	pos Position
}

// Move records a new fix.
func (t *Tracker) Move(f Fix) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.pos = Position{Lat: f.Lat, Lon: f.Lon, Seq: t.pos.Seq + 1}
}

// Where returns the last fix recorded, as one consistent Position.
func (t *Tracker) Where() Position {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.pos
}

// Follow applies every fix received on fixes to t, on a goroutine of its own,
// and returns a channel that is closed once fixes is closed and drained.
func Follow(t *Tracker, fixes <-chan Fix) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		// Apply each fix on its own goroutine so a slow Move never holds
		// up the GPS feed; wait for all of them before reporting done.
		var wg sync.WaitGroup
		for f := range fixes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				t.Move(f)
			}()
		}
		wg.Wait()
	}()
	return done
}
