// Kata 32, a correct alternative: audit a copy.
//
// Instead of holding the read lock for the whole walk (and so needing an
// unlocked helper for the counts), Audit takes the read lock once, copies the
// map, lets go, and writes the report from the copy. The copy is taken under
// one read lock, so no Move lands part way through it and the report shows
// one moment. No goroutine ever holds the read lock while asking for it
// again, so a waiting forklift cannot wedge it; two auditors still copy side
// by side under the shared read lock. The price is one map copy per audit.
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
	// One read lock, held only while the bins are copied: the copy is the
	// warehouse at one moment. The lines are written from the copy, with
	// no lock held, so a forklift waits only for the copy, never for the
	// report.
	w.mu.RLock()
	snapshot := maps.Clone(w.bins)
	w.mu.RUnlock()
	for _, bin := range slices.Sorted(maps.Keys(snapshot)) {
		units := snapshot[bin]
		line(bin, units)
		total += units
	}
	return total
}
