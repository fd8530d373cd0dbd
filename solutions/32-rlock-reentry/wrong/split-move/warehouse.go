// Kata 32, a tempting wrong fix: an unlocked helper, and a shorter Move.
//
// Audit is fixed the right way: it holds the read lock for its whole walk
// and reads each bin through an unlocked helper, so no goroutine takes the
// read lock twice. Then Move is "improved" too: it takes the write lock once
// for the bin it empties and once for the bin it fills, so that a waiting
// auditor is held back as briefly as possible. But between the two halves
// the units are in neither bin, and the write lock is free. Readers that
// waited behind the forklift get the lock the moment it lets go of the
// first half, before its second Lock: an audit then reports C3 emptied and
// A1 not yet filled, ten units short, a moment the warehouse was never in.
package warehouse

import (
	"maps"
	"slices"
	"sync"
)

type Warehouse struct {
	mu   sync.RWMutex
	bins map[string]int
}

func New(bins map[string]int) *Warehouse {
	return &Warehouse{bins: maps.Clone(bins)}
}

func (w *Warehouse) Count(bin string) int {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.count(bin)
}

// count reads a bin; the caller holds the lock.
func (w *Warehouse) count(bin string) int { return w.bins[bin] }

// Move takes n units out of bin from and puts them into bin to. It holds the
// write lock for one bin at a time, so a waiting auditor is held back as
// briefly as possible.
func (w *Warehouse) Move(from, to string, n int) {
	w.mu.Lock()
	w.bins[from] -= n
	w.mu.Unlock()

	w.mu.Lock()
	w.bins[to] += n
	w.mu.Unlock()
}

func (w *Warehouse) Audit(line func(bin string, units int)) (total int) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	for _, bin := range slices.Sorted(maps.Keys(w.bins)) {
		units := w.count(bin)
		line(bin, units)
		total += units
	}
	return total
}
