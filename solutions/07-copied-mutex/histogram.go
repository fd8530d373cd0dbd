// Kata 07 · A lock on a copy
//
// A web service keeps a latency histogram for its dashboard. Each request,
// on a goroutine of its own, records how long it took; the dashboard reads
// the count in each bucket. Histogram has a mutex, and every method locks it,
// yet two requests never wait for each other: each method is handed a copy
// of the Histogram, mutex and all, and locks its own copy. The copies still
// share the counts (copying a slice copies its header, not the array behind
// it), so the requests update the same counts with no lock between them:
// a data race, and `go test -race` reports it.
//
// Solution: pointer receivers. Every method now works on the one Histogram
// that New made, so every caller locks the same mutex, and an Unlock
// synchronizes before the next Lock of that mutex: each Observe and each
// Counts sees every Observe that finished before it. A type that holds a
// mutex must not be copied once in use; `go vet` (its copylocks check) flags
// the value receivers, but `go test` runs only a few of vet's checks and
// does not include that one.
package latency

import (
	"slices"
	"sync"
	"time"
)

// Histogram counts request latencies in buckets: bucket i counts the
// latencies up to bounds[i], the last bucket those above every bound.
// Use New to make one, and share it by its pointer: a Histogram must not be
// copied after first use, since a copy has a mutex of its own. Its methods
// may be called from any number of goroutines at once.
type Histogram struct {
	mu     sync.Mutex      // protects counts
	bounds []time.Duration // read-only after New
	counts []int
}

// New returns an empty histogram with the given bucket bounds, which must be
// in ascending order.
func New(bounds ...time.Duration) *Histogram {
	return &Histogram{bounds: bounds, counts: make([]int, len(bounds)+1)}
}

// Observe records one request that took d.
//
// With a pointer receiver, h.mu is the Histogram's own mutex, not a copy's.
// Every method that touches mu needs one. If Counts kept its value receiver
// (the tempting half fix), it would copy the Histogram, and lock the copy,
// while Observe writes the counts: a race. Worse, a copy taken while an
// Observe holds the lock is a locked mutex that nobody will ever unlock, and
// the dashboard hangs. Taking &h.mu inside a value method does not help
// either: it is the address of the copy's mutex.
func (h *Histogram) Observe(d time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.counts[bucket(h.bounds, d)]++
}

// Counts returns how many requests each bucket holds, in bucket order. The
// slice is the caller's to keep: it is a copy made under the lock, so the
// caller reads it without racing with later Observes.
func (h *Histogram) Counts() []int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.counts)
}

// bucket returns the index of the bucket that counts a latency of d.
func bucket(bounds []time.Duration, d time.Duration) int {
	for i, b := range bounds {
		if d <= b {
			return i
		}
	}
	return len(bounds)
}
