// Kata 07, a tempting wrong fix: pointer receivers, and the lock kept only
// where the race report pointed last.
//
// With pointer receivers every call now shares the one mutex, and Counts
// takes it. But Observe was trimmed to the bare increment, "it is a single
// ++": that ++ is a load, an add and a store, run by many requests at once,
// and nothing orders it against the other requests' increments or against
// Counts' copy. Every access to counts, the writes above all, must hold mu.
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
	mu     sync.Mutex // protects counts
	bounds []time.Duration
	counts []int
}

// New returns an empty histogram with the given bucket bounds, which must be
// in ascending order.
func New(bounds ...time.Duration) *Histogram {
	return &Histogram{bounds: bounds, counts: make([]int, len(bounds)+1)}
}

// Observe records one request that took d.
func (h *Histogram) Observe(d time.Duration) {
	h.counts[bucket(h.bounds, d)]++
}

// Counts returns how many requests each bucket holds, in bucket order. The
// slice is the caller's to keep.
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
