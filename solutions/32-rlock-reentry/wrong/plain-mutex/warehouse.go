// Kata 32, a tempting wrong fix: a plain sync.Mutex and an unlocked helper.
//
// The helper ends the nested lock, and the deadlock with it. But a Mutex has
// no readers, only holders: one auditor at a time. A second auditor waits
// for the whole first audit, report lines and all, though neither would
// change a thing. Keep the RWMutex; the helper alone is the fix.
package warehouse

import (
	"maps"
	"slices"
	"sync"
)

// Warehouse counts the units in each bin. Use New to make one.
type Warehouse struct {
	mu   sync.Mutex
	bins map[string]int
}

// New returns a warehouse whose bins hold the given units. It keeps a copy
// of bins, not bins itself.
func New(bins map[string]int) *Warehouse {
	return &Warehouse{bins: maps.Clone(bins)}
}

// Count returns the units in bin.
func (w *Warehouse) Count(bin string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.countLocked(bin)
}

// countLocked returns the units in bin; w.mu must be held.
func (w *Warehouse) countLocked(bin string) int {
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
		units := w.countLocked(bin)
		line(bin, units)
		total += units
	}
	return total
}
