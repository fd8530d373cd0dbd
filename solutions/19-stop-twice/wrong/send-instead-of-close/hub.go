// Kata 19, a tempting wrong fix: send a stop signal instead of closing quit.
//
// Nothing is closed, so nothing panics. But an unbuffered send waits for a
// receiver: the first Stop waits until the hub has finished its delivery in
// progress (so Stop no longer returns at once), and a second Stop waits
// forever, since the hub that could receive it has returned. The specs report
// a DEADLOCK in Stop.
package hub

// Hub delivers published messages, one at a time and in order, on a goroutine
// of its own. Make one with Start.
type Hub struct {
	msgs chan string   // Publish sends, the loop receives
	quit chan struct{} // Stop sends on it: the loop returns
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
	h.quit <- struct{}{}
}

// Done returns a channel that is closed once the hub has stopped: Stop has
// been called and the delivery in progress, if any, has returned.
func (h *Hub) Done() <-chan struct{} {
	return h.done
}
