// Kata 38, a tempting wrong fix: copy the subscribers, then deliver without
// the lock.
//
// Buffers and a select with a default case, as they should be. And, to keep
// the lock short, Publish only copies the list of subscribers under it and
// delivers with no lock held. Nothing deadlocks, nothing is lost, and with
// one publisher the count is right. But h.dropped is now incremented outside
// the lock that Dropped reads it under: two publishers dropping at once, or
// one dropping while someone asks for the count, is a data race, and
// increments go missing.
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
	subs := h.subs
	h.mu.Unlock()
	for _, ch := range subs {
		select {
		case ch <- u:
		default:
			h.dropped++
		}
	}
}

// Dropped returns how many deliveries Publish has given up on so far: one for
// each update that a subscriber missed.
func (h *Hub) Dropped() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.dropped
}
