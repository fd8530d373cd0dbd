// Kata 38, a tempting wrong fix: give a full subscriber a moment.
//
// Publish no longer waits forever for a subscriber whose backlog is full: it
// waits five milliseconds, and then drops the update and counts the drop.
// Nothing deadlocks, and a reader that was only a little late still gets the
// update. But Publish still waits for a subscriber that has used up its room,
// with the hub's lock held: every stalled subscriber delays every update to
// everyone by five milliseconds, and a hundred hung screens by half a second,
// while Subscribe and Dropped wait behind it. A full subscriber must cost
// Publish nothing: offer the update, and drop it at once if there is no room.
package scoreboard

import (
	"sync"
	"time"
)

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
	// TODO: a subscriber may fall up to h.backlog updates behind. Where can
	// the updates it has not read yet wait for it?
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
	for _, ch := range h.subs {
		select {
		case ch <- u:
		case <-time.After(5 * time.Millisecond): // give a slow reader a moment
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
