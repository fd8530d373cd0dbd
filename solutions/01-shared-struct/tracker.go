// Kata 01 · A struct read and written by two goroutines
//
// A courier company shows its vans on a live map. For each van, one goroutine
// receives GPS fixes and moves the van's Tracker; the dashboard, on another
// goroutine, asks the same Tracker where the van is. Nothing orders the
// writer's stores against the reader's loads, so the dashboard can read a
// position half updated: this is a data race, and `go test -race` reports it.
//
// Solution: a sync.Mutex inside Tracker, taken by every method that touches
// pos. Unlock of the mutex synchronizes before the next Lock, so a Where that
// follows a Move sees the whole of it, and one that precedes it sees none.
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
//
// The reader needs the lock as much as the writer does. Locking only in Move
// (the tempting half fix) still lets Where load pos while Move stores it: a
// race needs only one unsynchronised side. Returning a copy, not a pointer,
// keeps the caller from reading pos after the lock is released.
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
			t.Move(f)
		}
	}()
	return done
}
