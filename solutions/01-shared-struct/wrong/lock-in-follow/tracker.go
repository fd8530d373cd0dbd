// Kata 01, a tempting wrong fix: take the lock in Follow, around the call to
// Move, and in Where, but not in Move itself.
//
// The race report shows Follow's goroutine writing, so the lock goes there.
// But Move is part of the API: any other goroutine that reports a fix for
// the van (a second GPS unit, a manual correction) calls Move directly,
// takes no lock, and races with Where and with Follow's own moves. The
// guard belongs to the data, in every method that touches it.
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
	mu  sync.Mutex // held by Follow's moves and by Where
	pos Position
}

// Move records a new fix.
func (t *Tracker) Move(f Fix) {
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
		for f := range fixes {
			t.mu.Lock()
			t.Move(f)
			t.mu.Unlock()
		}
	}()
	return done
}
