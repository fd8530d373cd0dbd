// Kata 38, a tempting wrong fix: give every subscriber a buffer of at least
// one, "so that an unbuffered channel does not drop every update", and never
// wait when it is full.
//
// With a backlog of 1 or more nothing changes. But NewHub(0) promises that a
// subscriber may fall no update behind: a subscriber that is not reading
// should miss the update, and here it finds it waiting later, a stale score,
// while Dropped counts one drop too few for it. A send with a default case
// already hands the update to a subscriber that is there to take it.
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
	ch := make(chan Update, max(h.backlog, 1)) // room for at least the update in flight
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
	defer h.mu.Unlock()
	for _, ch := range h.subs {
		select {
		case ch <- u:
		default:
			h.dropped++
		}
	}
}
