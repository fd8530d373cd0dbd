// Kata 32, a tempting wrong fix: take the write lock in Audit.
//
// A writer holds the lock alone, so no forklift can come between Audit's two
// lock calls. But Audit still calls Count, and Count's RLock waits for every
// writer to leave, Audit included: Go's mutexes are not reentrant and do not
// know which goroutine holds them. Audit now deadlocks on its own, forklift
// or not.
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
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, bin := range slices.Sorted(maps.Keys(w.bins)) {
		units := w.Count(bin)
		line(bin, units)
		total += units
	}
	return total
}
