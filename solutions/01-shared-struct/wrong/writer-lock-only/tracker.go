// Kata 01, a tempting wrong fix: lock only in the writer.
//
// Move takes the lock; Where still loads pos with no lock, so its loads are
// unordered with Move's stores. A race needs only one unsynchronised side.
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
// that has not reported yet, ready to use; a Tracker must not be copied after
// first use (it holds a mutex).
type Tracker struct {
	mu  sync.Mutex // protects pos
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
	return t.pos
}

// Follow applies every fix received on fixes to t, on a goroutine of its own,
// and returns a channel that is closed once fixes is closed and drained.
func Follow(t *Tracker, fixes <-chan Fix) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for f := range fixes {
			t.Move(f)
		}
	}()
	return done
}
