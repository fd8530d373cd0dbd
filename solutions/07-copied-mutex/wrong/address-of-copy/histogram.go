// Kata 07, a tempting wrong fix: lock through a pointer, "since Lock needs
// one".
//
// Each method now takes &h.mu and locks through it. But h is still the
// method's own copy of the Histogram, so &h.mu points at the copy's mutex:
// every call still locks a mutex that no other call will ever see. What
// must be shared is the Histogram, not a pointer to a private copy of it.
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
func (h Histogram) Observe(d time.Duration) {
	mu := &h.mu
	mu.Lock()
	defer mu.Unlock()
	h.counts[bucket(h.bounds, d)]++
}

// Counts returns how many requests each bucket holds, in bucket order. The
// slice is the caller's to keep.
func (h Histogram) Counts() []int {
	mu := &h.mu
	mu.Lock()
	defer mu.Unlock()
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
