// Kata 38, a tempting wrong fix: drop the subscriber, not the update.
//
// A subscriber whose buffer is full is taken off the list (and the rest of
// the match counted as dropped for it), so Publish never even tries it
// again. The keep-up subscribers are fine. But a subscriber that stalls for
// a moment, a phone going through a tunnel, is gone for good: when it comes
// back and reads its backlog, no update ever reaches it again, though it
// never unsubscribed.
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
	kept := h.subs[:0]
	for _, ch := range h.subs {
		select {
		case ch <- u:
			kept = append(kept, ch)
		default:
			h.dropped++
		}
	}
	h.subs = kept
}

// Dropped returns how many deliveries Publish has given up on so far: one for
// each update that a subscriber missed.
func (h *Hub) Dropped() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.dropped
}
