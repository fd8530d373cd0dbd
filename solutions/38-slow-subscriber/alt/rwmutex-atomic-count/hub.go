// Kata 38, a correct alternative: a read lock for publishers, and an atomic
// count.
//
// Publish only reads the list of subscribers, so it takes the read lock of a
// sync.RWMutex, and several publishers (one per match, say) deliver side by
// side; Subscribe changes the list and takes the write lock. The count of
// drops is then written by publishers that share a lock, so it cannot be a
// plain int under it: it is an atomic.Int64, which needs no lock at all. The
// delivery itself is the reference solution's: a buffer of backlog updates
// per subscriber, and a select with a default case that drops and counts
// when a buffer is full.
package scoreboard

import (
	"sync"
	"sync/atomic"
)

// Update is one change of a match's score.
type Update struct {
	Seq   int    // counts the updates of the match from 1
	Score string // e.g. "2-1"
}

// Hub delivers every published Update to every subscriber. Use NewHub.
type Hub struct {
	backlog int // how many updates a subscriber may fall behind

	mu      sync.RWMutex  // protects subs: Subscribe locks it, Publish read-locks it
	subs    []chan Update // one per subscriber, buffered; never closed
	dropped atomic.Int64  // deliveries Publish gave up on; needs no lock
}

// NewHub returns a Hub whose subscribers may each fall up to backlog updates
// behind before they miss one.
func NewHub(backlog int) *Hub {
	return &Hub{backlog: backlog}
}

// Subscribe returns a channel on which the new subscriber receives every
// update published from now on, in order.
func (h *Hub) Subscribe() <-chan Update {
	ch := make(chan Update, h.backlog)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.subs = append(h.subs, ch)
	return ch
}

// Publish delivers u to every subscriber.
func (h *Hub) Publish(u Update) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	for _, ch := range h.subs {
		select {
		case ch <- u:
		default:
			h.dropped.Add(1)
		}
	}
}

// Dropped returns how many deliveries Publish has given up on so far: one for
// each update that a subscriber missed.
func (h *Hub) Dropped() int {
	return int(h.dropped.Load())
}
