// Kata 32, a tempting wrong fix: list the bins, then read them.
//
// Audit no longer calls Count: it takes the list of bins under one hold of
// the read lock, and reads every bin's units under a second one, so no
// goroutine ever holds the read lock twice and nothing deadlocks. A move
// between two bins that existed at the start lands either before or after
// the second hold, and the report stays whole. But between the two holds
// the forklift can get in: a move into a bin that did not exist when the
// list was taken is read from A1 and never from the new bin, and the report
// shows no moment of the warehouse, ten units short. One moment is one hold
// of the lock.
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
	// Which bins are there? Take the list under the read lock.
	w.mu.RLock()
	bins := slices.Sorted(maps.Keys(w.bins))
	w.mu.RUnlock()

	// Then read every bin under one hold of the read lock, without calling
	// Count (which would take it a second time).
	units := make([]int, len(bins))
	w.mu.RLock()
	for i, bin := range bins {
		units[i] = w.bins[bin]
	}
	w.mu.RUnlock()

	for i, bin := range bins {
		line(bin, units[i])
		total += units[i]
	}
	return total
}
