// Kata 38, a tempting wrong fix: count an update dropped once, however many
// subscribers missed it.
//
// Buffers and a select with a default case, under the lock. But the count is
// of updates that someone missed, not of deliveries given up on: when two
// subscribers stall, each update they both miss counts once, and the count
// says half of what was lost. It is tempting because with one stalled
// subscriber the two counts agree.
package scoreboard

import "sync"

// Update is one change of a match's score.
type Update struct {
	Seq   int    // counts the updates of the match from 1
	Score string // e.g. "2-1"
}

// Hub delivers every published Update to every subscriber. Use NewHub.
type Hub struct {
	backlog int // how many updates a subscriber may fall behind

	mu      sync.Mutex // protects subs and dropped
	subs    []chan Update
	dropped int // updates Publish could not deliver
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
	h.mu.Lock()
	defer h.mu.Unlock()
	missed := false
	for _, ch := range h.subs {
		select {
		case ch <- u:
		default:
			missed = true
		}
	}
	if missed {
		h.dropped++
	}
}

// Dropped returns how many deliveries Publish has given up on so far: one for
// each update that a subscriber missed.
func (h *Hub) Dropped() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.dropped
}
