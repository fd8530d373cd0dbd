// Kata 07, a tempting wrong fix: copy the counts under the lock, add to the
// copy with no lock held, and swap the copy in under the lock again, "so the
// lock is held as briefly as possible".
//
// Every access to h.counts is under the lock, so the race detector is
// silent. But the read and the write of the counts are two sections: two
// Observes copy the same counts, each adds its own request, and the second
// swap throws away the first one's. Hold one lock from the read to the
// write (and keep a pointer receiver, so that it is the same lock).
package latency

import (
	"slices"
	"sync"
	"time"
)

type Histogram struct {
	mu     sync.Mutex
	bounds []time.Duration
	counts []int
}

func New(bounds ...time.Duration) *Histogram {
	return &Histogram{bounds: bounds, counts: make([]int, len(bounds)+1)}
}

func (h *Histogram) Observe(d time.Duration) {
	h.mu.Lock()
	c := slices.Clone(h.counts)
	h.mu.Unlock()
	c[bucket(h.bounds, d)]++
	h.mu.Lock()
	h.counts = c
	h.mu.Unlock()
}

func (h *Histogram) Counts() []int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.counts)
}

func bucket(bounds []time.Duration, d time.Duration) int {
	for i, b := range bounds {
		if d <= b {
			return i
		}
	}
	return len(bounds)
}
