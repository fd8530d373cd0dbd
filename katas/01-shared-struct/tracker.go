// Kata 01 · A struct read and written by two goroutines
//
// A courier company shows its vans on a live map. For each van, one goroutine
// receives GPS fixes and moves the van's Tracker; the dashboard, on another
// goroutine, asks the same Tracker where the van is. Nothing orders the
// writer's stores against the reader's loads, so the dashboard can read a
// position half updated: this is a data race, and `go test -race` reports it.
//
// Your job: make Tracker safe to use from several goroutines at once.
// Keep the goroutine in Follow and keep the API; no time.Sleep.
package tracker

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
	// TODO: Move writes pos on one goroutine while Where reads it on another.
	// Give pos a guard that both sides use.
	pos Position
}

// Move records a new fix.
func (t *Tracker) Move(f Fix) {
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
