// Kata 01, a tempting wrong fix: one mutex for the coordinates, another for
// the count of fixes.
//
// Every field is now read and written under a lock, so the race detector is
// silent, and the coordinates of one fix always travel together. But Move
// takes the two locks one after the other, and so does Where: a Where that
// runs between Move's two sections returns the Lat and Lon of fix 42 with
// the Seq of fix 41. A Position is one value; guard all of it with one lock.
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

// Tracker holds the last known position of one van.
type Tracker struct {
	coordMu  sync.Mutex // protects lat and lon
	lat, lon float64
	seqMu    sync.Mutex // protects seq
	seq      int
}

// Move records a new fix.
func (t *Tracker) Move(f Fix) {
	t.coordMu.Lock()
	t.lat, t.lon = f.Lat, f.Lon
	t.coordMu.Unlock()
	t.seqMu.Lock()
	t.seq++
	t.seqMu.Unlock()
}

// Where returns the last fix recorded.
func (t *Tracker) Where() Position {
	t.coordMu.Lock()
	lat, lon := t.lat, t.lon
	t.coordMu.Unlock()
	t.seqMu.Lock()
	seq := t.seq
	t.seqMu.Unlock()
	return Position{Lat: lat, Lon: lon, Seq: seq}
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
