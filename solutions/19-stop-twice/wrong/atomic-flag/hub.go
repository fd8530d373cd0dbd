// Kata 19, a tempting wrong fix: an atomic "stopped" flag, loaded, then
// stored, then quit closed.
//
// Tempting because the plain bool of wrong/stopped-bool was a data race, and
// an atomic bool is not: -race is silent. But atomic makes each step safe,
// not the sequence: two Stops at the same moment can both Load false before
// either Stores true, and both close quit. The flag would have to be tested
// and set in one step (CompareAndSwap), or the whole thing done by
// sync.Once.
package hub

import "sync/atomic"

// Hub delivers published messages, one at a time and in order, on a goroutine
// of its own. Make one with Start.
type Hub struct {
	msgs chan string   // Publish sends, the loop receives
	quit chan struct{} // closed by Stop: the loop returns
	done chan struct{} // closed by the loop when it returns

	stopped atomic.Bool // set by the first Stop
}

// Start starts a hub that calls deliver for every message published to it.
func Start(deliver func(msg string)) *Hub {
	h := &Hub{
		msgs: make(chan string),
		quit: make(chan struct{}),
		done: make(chan struct{}),
	}
	go h.loop(deliver)
	return h
}

func (h *Hub) loop(deliver func(msg string)) {
	defer close(h.done)
	for {
		select {
		case msg := <-h.msgs:
			deliver(msg)
		case <-h.quit:
			return
		}
	}
}

// Publish hands msg to the hub and returns once the hub has taken it. It must
// not be called after Stop.
func (h *Hub) Publish(msg string) {
	h.msgs <- msg
}

// Stop tells the hub to stop and returns at once, without waiting for a
// delivery in progress. The signal handler and main's cleanup both call it.
func (h *Hub) Stop() {
	if h.stopped.Load() {
		return // stopped already
	}
	h.stopped.Store(true)
	close(h.quit)
}

// Done returns a channel that is closed once the hub has stopped: Stop has
// been called and the delivery in progress, if any, has returned.
func (h *Hub) Done() <-chan struct{} {
	return h.done
}
