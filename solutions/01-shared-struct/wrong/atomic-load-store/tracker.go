// Kata 01, a tempting wrong fix: keep the position behind an
// atomic.Pointer, Load it in Move, and Store a new one.
//
// Every Position is now built whole before it is published, and published
// with one atomic Store, so Where never sees half a fix and the race
// detector is silent. But Move reads the old position (for its Seq) and
// stores the new one in two steps. Two goroutines moving the same van at
// once can both Load fix 41 and both Store a fix numbered 42: one fix is
// lost from the count. Publish with CompareAndSwap, and start again when it
// fails, or hold a lock across the read and the write.
package tracker

import "sync/atomic"

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
	pos atomic.Pointer[Position] // nil until the first fix
}

// Move records a new fix.
func (t *Tracker) Move(f Fix) {
	seq := 0
	if old := t.pos.Load(); old != nil {
		seq = old.Seq
	}
	t.pos.Store(&Position{Lat: f.Lat, Lon: f.Lon, Seq: seq + 1})
}

// Where returns the last fix recorded, as one consistent Position.
func (t *Tracker) Where() Position {
	if p := t.pos.Load(); p != nil {
		return *p
	}
	return Position{}
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
