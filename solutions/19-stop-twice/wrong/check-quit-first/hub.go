// Kata 19, a tempting wrong fix: look at quit before closing it, with a
// select whose default case closes.
//
// Tempting because it handles the reported crash: a second Stop finds quit
// closed, takes the first case and does nothing. But the look and the close
// are two steps, and two Stops at the same moment can both look, both find
// quit open, and both close it: "close of closed channel", on the very
// shutdown where the signal handler and main's cleanup race. Checking a
// condition and then acting on it is safe only if nobody can act in between;
// sync.Once makes the two one step.
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
	case <-h.quit:
		// Already closed: this hub is stopping, or has stopped.
	default:
		close(h.quit)
	}
}

// Done returns a channel that is closed once the hub has stopped: Stop has
// been called and the delivery in progress, if any, has returned.
func (h *Hub) Done() <-chan struct{} {
	return h.done
}
