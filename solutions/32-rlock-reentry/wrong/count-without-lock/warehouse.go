// Kata 32, a tempting wrong fix: Count takes no lock.
//
// The second RLock is the one that hangs, and Audit already holds the read
// lock when it calls Count, so this fix removes the lock from Count. Audit
// now works, forklift or not. But Count is public, and on its own it now
// reads the map while a forklift's Move writes it: a data race whenever
// someone counts a bin while forklifts are at work.
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
