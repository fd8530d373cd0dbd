// Kata 32, a tempting wrong fix: release the read lock around each Count.
//
// Audit never holds the lock when Count takes it, so nothing deadlocks. But
// each release is a door: a forklift waiting for the lock goes through it
// between two bins. The audit counts A1 before the move and C3 after it, and
// the 10 units the forklift carried are in neither: the total is 90, not 100.
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
	w.mu.RLock()
	defer w.mu.RUnlock()
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
		w.mu.RUnlock()
		units := w.Count(bin)
		w.mu.RLock()
		line(bin, units)
		total += units
	}
	return total
}
