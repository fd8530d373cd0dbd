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
// Solution: a goroutine takes the read lock once. The reading moves into an
// unexported helper, countLocked, that takes no lock and requires its caller
// to hold one; Count takes the read lock and calls it, and so does Audit,
// which already holds the lock. A forklift that arrives mid-audit now waits
// until the audit's single RUnlock, and Move lands wholly after the report.
package warehouse

import (
	"maps"
	"slices"
	"sync"
)

// Warehouse counts the units in each bin. Use New to make one; a Warehouse
// must not be copied after first use (it holds a mutex). Its methods are safe
// to call from several goroutines at once.
type Warehouse struct {
	// mu protects bins. Count and Audit take it for reading, so any number
	// of them run side by side; Move takes it for writing. No method takes
	// it while it already holds it: a sync.RWMutex is not reentrant, for
	// reading any more than for writing.
	mu   sync.RWMutex
	bins map[string]int // units in each bin, by bin name
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
	return w.countLocked(bin)
}

// countLocked returns the units in bin. The caller must hold w.mu, for
// reading or for writing; countLocked never takes it.
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
//
// line is called while Audit holds the read lock, so a Move waits until
// Audit returns. line must not call w's methods itself, nor wait for another
// goroutine's call to them to return: that would be the nested read lock, or
// the forklift's wait, all over again.
func (w *Warehouse) Audit(line func(bin string, units int)) (total int) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	for _, bin := range slices.Sorted(maps.Keys(w.bins)) {
		// The read lock taken above covers the whole walk; countLocked
		// reads under it rather than asking for it again. A second RLock
		// by a goroutine that holds one waits behind any writer that has
		// arrived meanwhile, and that writer waits for the first RLock to
		// be released: neither ever moves. (sync.RWMutex says as much: a
		// writer blocked in Lock holds back every new RLock, which
		// "prohibits recursive read-locking".)
		//
		// The tempting fixes fail. Taking the write lock in Audit deadlocks
		// at once, on Count's RLock, forklift or not: Go's mutexes are not
		// reentrant and do not know which goroutine holds them. Releasing
		// the read lock around each Count lets the forklift in between two
		// bins: the report counts its units in both bins, or in neither.
		units := w.countLocked(bin)
		line(bin, units)
		total += units
	}
	return total
}
