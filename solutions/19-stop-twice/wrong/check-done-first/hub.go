// Kata 19, a tempting wrong fix: close quit only if the hub has not stopped.
//
// Done is closed when the hub has stopped, not when Stop was called: in
// between, while the delivery in progress finishes, a second Stop still finds
// Done open and closes quit again, one call after another as surely as at the
// same time. Closing a closed channel panics.
package hub

// Hub delivers published messages, one at a time and in order, on a goroutine
// of its own. Make one with Start.
type Hub struct {
	msgs chan string   // Publish sends, the loop receives
	quit chan struct{} // closed by Stop: the loop returns
	done chan struct{} // closed by the loop when it returns
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
	select {
	case <-h.done:
		// The hub has stopped already: nothing left to stop.
	default:
		close(h.quit)
	}
}

// Done returns a channel that is closed once the hub has stopped: Stop has
// been called and the delivery in progress, if any, has returned.
func (h *Hub) Done() <-chan struct{} {
	return h.done
}
