// Kata 07, a tempting wrong fix: silence go vet with a *sync.Mutex, made
// when first needed.
//
// vet stops complaining: copying a pointer copies no lock. But the receivers
// are still copies, so "first needed" is every call: each one finds its
// copy's mu nil, makes a fresh mutex, and locks that. The assignment never
// reaches the Histogram New returned. A quiet vet is not a proof.
package latency

import (
	"slices"
	"sync"
	"time"
)

// Histogram counts request latencies in buckets: bucket i counts the
// latencies up to bounds[i], the last bucket those above every bound.
// Use New to make one.
type Histogram struct {
	mu     *sync.Mutex // protects counts; made on first use
	bounds []time.Duration
	counts []int
}

// New returns an empty histogram with the given bucket bounds, which must be
// in ascending order.
func New(bounds ...time.Duration) *Histogram {
	return &Histogram{bounds: bounds, counts: make([]int, len(bounds)+1)}
}

// Observe records one request that took d.
func (h Histogram) Observe(d time.Duration) {
	if h.mu == nil {
		h.mu = new(sync.Mutex)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.counts[bucket(h.bounds, d)]++
}

// Counts returns how many requests each bucket holds, in bucket order. The
// slice is the caller's to keep.
func (h Histogram) Counts() []int {
	if h.mu == nil {
		h.mu = new(sync.Mutex)
	}
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
