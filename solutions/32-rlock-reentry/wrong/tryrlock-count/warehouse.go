// Kata 32, a tempting wrong fix: a Count that does not wait for the lock.
//
// The audit hangs in Count's RLock, so this Count only tries the read lock:
// if it gets it, it reads under it; if not (a writer holds the lock, or waits
// for it), it reads the map anyway rather than wait. Inside an audit that is
// harmless, since the audit holds the read lock the whole time, and the
// deadlock is gone. But Count is public: a Count of its own, made while a
// forklift waits, reads the map with no lock at all, and the forklift's Move
// then writes it. That is a data race, hidden as long as nobody counts a bin
// while a forklift is about.
package warehouse

import (
	"maps"
	"slices"
	"sync"
)

// Warehouse counts the units in each bin. Use New to make one.
type Warehouse struct {
	mu   sync.RWMutex
	bins map[string]int
}

// New returns a warehouse whose bins hold the given units. It keeps a copy
// of bins, not bins itself.
func New(bins map[string]int) *Warehouse {
	return &Warehouse{bins: maps.Clone(bins)}
}

// Count returns the units in bin.
func (w *Warehouse) Count(bin string) int {
	if w.mu.TryRLock() {
		defer w.mu.RUnlock()
	}
	return w.bins[bin]
}

// Move takes n units out of bin from and puts them into bin to.
func (w *Warehouse) Move(from, to string, n int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.bins[from] -= n
	w.bins[to] += n
}

// Audit walks the bins in name order, calls line with each bin and its units,
// and returns the units in all bins. The lines and the total show the
// warehouse at one moment: no Move lands part way through an audit.
func (w *Warehouse) Audit(line func(bin string, units int)) (total int) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	for _, bin := range slices.Sorted(maps.Keys(w.bins)) {
		units := w.Count(bin)
		line(bin, units)
		total += units
	}
	return total
}
