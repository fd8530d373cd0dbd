// Kata 38 · One slow subscriber stalls them all
//
// A sports site pushes every score update of a match to its subscribers: the
// website, the mobile app, the stadium's big screen. Publish hands each update
// to every subscriber's channel in turn, and waits at each channel until that
// subscriber takes it. One evening the big screen's connection hangs and it
// stops reading. Publish waits for it, forever: the subscribers after it never
// see the goal, the ones before it never see the next one, and the specs
// report a DEADLOCK in Publish, at the send.
//
// Your job: make Publish deliver to the subscribers who keep up however far
// behind another one falls, and count what it could not deliver. Keep one
// channel per subscriber and the API; no time.Sleep.
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
	// TODO: a subscriber may fall up to h.backlog updates behind. Where can
	// the updates it has not read yet wait for it?
	ch := make(chan Update)
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
		// TODO: this send waits for as long as the subscriber does not read.
		// Decide what Publish does when a subscriber has no room left, and
		// keep count in h.dropped.
		ch <- u
	}
}

// Dropped returns how many deliveries Publish has given up on so far: one for
// each update that a subscriber missed.
func (h *Hub) Dropped() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.dropped
}
