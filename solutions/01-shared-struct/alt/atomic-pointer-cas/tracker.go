// Kata 01 · A struct read and written by two goroutines, a correct
// alternative: an immutable Position behind an atomic.Pointer, replaced
// with CompareAndSwap.
//
// The reference guards pos with a mutex. Here no Position is ever changed
// once published: Move builds a new one from the current one and swaps the
// pointer only if it still points where Move read it. If another Move got
// there first, the swap fails and Move starts again from the newer fix, so
// no fix is lost from the count. An atomic store synchronizes before the
// load that sees it, so Where, which loads the pointer, sees a whole
// Position, never half of one, and takes no lock.
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
	pos atomic.Pointer[Position] // nil until the first fix; never modified once stored
}

// Move records a new fix.
func (t *Tracker) Move(f Fix) {
	for {
		old := t.pos.Load()
		seq := 0
		if old != nil {
			seq = old.Seq
		}
		if t.pos.CompareAndSwap(old, &Position{Lat: f.Lat, Lon: f.Lon, Seq: seq + 1}) {
			return
		}
	}
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
