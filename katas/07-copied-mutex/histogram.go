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
// Your job: make the mutex guard the counts for every caller.
// Keep the sync.Mutex and keep the API; no time.Sleep.
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
	// TODO: every method locks mu, and yet no call ever waits for another.
	// Look at what each method receives when it is called: whose mu does
	// it lock?
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
	h.mu.Lock()
	defer h.mu.Unlock()
	h.counts[bucket(h.bounds, d)]++
}

// Counts returns how many requests each bucket holds, in bucket order. The
// slice is the caller's to keep.
func (h Histogram) Counts() []int {
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
