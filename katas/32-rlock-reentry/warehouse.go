// Kata 32 · A read lock taken twice
//
// A warehouse keeps the number of units in each bin. Forklifts move units
// from bin to bin with Move, which takes the write lock; anyone may Count a
// bin under the read lock. At night the auditors run Audit, which holds the
// read lock for its whole walk, so that the report shows the warehouse at one
// moment, and which counts each bin by calling Count: the read lock, again.
// Nights without forklifts go well. But a forklift that arrives mid-audit
// waits for the audit's read lock to be released, and once a writer waits, a
// sync.RWMutex lets no new reader in. The audit's next Count waits for the
// forklift, the forklift waits for the audit: the specs report a DEADLOCK.
//
// Your job: make Audit finish whatever the forklifts do, with a report that
// still shows one moment. Keep the RWMutex, so that auditors can read side by
// side, and keep the API; no time.Sleep.
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
		// TODO: this goroutine holds the read lock already, and Count takes
		// it a second time. What does that second RLock wait for when a
		// forklift has arrived in between?
		units := w.Count(bin)
		line(bin, units)
		total += units
	}
	return total
}
