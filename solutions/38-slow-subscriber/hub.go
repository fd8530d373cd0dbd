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
// Solution: every subscriber gets a channel with room for backlog updates, and
// Publish never waits: it offers each update with a select that has a default
// case, and when a subscriber's buffer is full it drops the update for that
// subscriber alone and counts the drop. A slow subscriber then costs only
// itself; the publisher and everyone else go on at their own pace.
package scoreboard

import "sync"

// Update is one change of a match's score.
type Update struct {
	Seq   int    // counts the updates of the match from 1
	Score string // e.g. "2-1"
}

// Hub delivers every published Update to every subscriber that has room for
// it. Use NewHub; a Hub is safe for concurrent use.
type Hub struct {
	backlog int // the capacity of each subscriber's channel; set once by NewHub

	mu      sync.Mutex    // protects subs and dropped
	subs    []chan Update // one per subscriber; never closed
	dropped int           // updates Publish could not deliver
}

// NewHub returns a Hub whose subscribers may each fall up to backlog updates
// behind before they miss one. A backlog of 0 delivers only to subscribers
// that are waiting in a receive at the moment of each Publish.
func NewHub(backlog int) *Hub {
	return &Hub{backlog: backlog}
}

// Subscribe returns a channel on which the new subscriber receives the
// updates published from now on, in order, except those published while
// backlog updates were already waiting unread on it. The Hub never closes it.
func (h *Hub) Subscribe() <-chan Update {
	// The buffer is the subscriber's backlog: updates it has not read yet
	// wait there, not in Publish. A send into a buffer with room completes
	// at once, whoever is or is not reading.
	ch := make(chan Update, h.backlog)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.subs = append(h.subs, ch)
	return ch
}

// Publish delivers u to every subscriber that has room for it, and counts one
// drop for each that has not. It never waits for a subscriber.
func (h *Hub) Publish(u Update) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, ch := range h.subs {
		// A select with a default case never blocks: the send happens if
		// the buffer has room, and otherwise the default case runs at once.
		// Publish holds h.mu only for these non-blocking sends, so
		// Subscribe and Dropped never wait long for it either.
		//
		// A buffer alone, with the plain send kept, is the tempting half
		// fix: it absorbs backlog updates, and then the send to the full
		// buffer waits as before. A goroutine per send is the other one:
		// Publish returns, but every update for the stalled subscriber
		// leaves a goroutine blocked on its send, for good.
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
