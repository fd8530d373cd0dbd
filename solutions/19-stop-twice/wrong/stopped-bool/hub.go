// Kata 19, a tempting wrong fix: a stopped flag, tested before the close.
//
// One call after another, the flag works. Two calls at the same time both
// read and write it with nothing ordering one against the other: a data race,
// which the race detector reports. Nothing stops both callers from reading
// false before either writes true, and then both close quit.
package hub

// Hub delivers published messages, one at a time and in order, on a goroutine
// of its own. Make one with Start.
type Hub struct {
	msgs    chan string   // Publish sends, the loop receives
	quit    chan struct{} // closed by Stop: the loop returns
	done    chan struct{} // closed by the loop when it returns
	stopped bool          // set by the first Stop
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
	if h.stopped {
		return
	}
	h.stopped = true
	close(h.quit)
}

// Done returns a channel that is closed once the hub has stopped: Stop has
// been called and the delivery in progress, if any, has returned.
func (h *Hub) Done() <-chan struct{} {
	return h.done
}
