// Kata 38, a tempting wrong fix: copy the subscribers under the lock, and
// outside it send only to a channel whose buffer has room (len < cap).
//
// A full subscriber is skipped and counted, and the lock is not held while
// sending. But the look at the buffer and the send are two steps: two
// publishers can both see the last free slot of a stalled subscriber, and the
// second send then waits forever. And with a backlog of 0 there is never room
// by that measure, so not even a subscriber waiting to receive gets an
// update. A select with a default case tries the send itself, in one step.
package scoreboard

import "sync"

// Update is one change of a match's score.
type Update struct {
	Seq   int    // counts the updates of the match from 1
	Score string // e.g. "2-1"
}

type Hub struct {
	backlog int // how many updates a subscriber may fall behind

	mu      sync.Mutex // protects subs and dropped
	subs    []chan Update
	dropped int // updates Publish could not deliver
}

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

func (h *Hub) Dropped() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.dropped
}

// Publish delivers u to every subscriber that has room, and counts the rest.
func (h *Hub) Publish(u Update) {
	h.mu.Lock()
	subs := append([]chan Update(nil), h.subs...)
	h.mu.Unlock()
	missed := 0
	for _, ch := range subs {
		if len(ch) < cap(ch) {
			ch <- u // there is room: this cannot block
		} else {
			missed++
		}
	}
	if missed > 0 {
		h.mu.Lock()
		h.dropped += missed
		h.mu.Unlock()
	}
}
