// Kata 07 · A lock on a copy, a correct alternative: no mutex at all, one
// atomic counter per bucket, and pointer receivers.
//
// The reference keeps the mutex and gives the methods pointer receivers.
// Here each bucket is an atomic.Int64 (which, like a mutex, must not be
// copied: hence the pointer receivers still), so Observe is a single Add
// and needs no lock. Counts loads the buckets one by one: a request may
// land between two loads, so the result is not one instant across all
// buckets, but every bucket only grows, so each Counts shows totals that
// never go back and never exceed the requests recorded.
package latency

import (
	"sync/atomic"
	"time"
)

// Histogram counts request latencies in buckets: bucket i counts the
// latencies up to bounds[i], the last bucket those above every bound.
// Use New to make one.
type Histogram struct {
	bounds []time.Duration
	counts []atomic.Int64 // one per bucket; the slice itself never changes
}

// New returns an empty histogram with the given bucket bounds, which must be
// in ascending order.
func New(bounds ...time.Duration) *Histogram {
	return &Histogram{bounds: bounds, counts: make([]atomic.Int64, len(bounds)+1)}
}

// Observe records one request that took d.
func (h *Histogram) Observe(d time.Duration) {
	h.counts[bucket(h.bounds, d)].Add(1)
}

// Counts returns how many requests each bucket holds, in bucket order. The
// slice is the caller's to keep.
func (h *Histogram) Counts() []int {
	out := make([]int, len(h.counts))
	for i := range h.counts {
		out[i] = int(h.counts[i].Load())
	}
	return out
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
