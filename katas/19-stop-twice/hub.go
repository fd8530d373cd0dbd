// Kata 19 · A service stopped twice
//
// A chat server fans every message out to its clients through a Hub: one
// goroutine that delivers the messages published to it, in order, until the
// hub is stopped. On shutdown two parts of the server stop the hub: the
// SIGTERM handler, and the deferred cleanup in main. Stop closes the hub's
// quit channel every time it is called, and closing a channel that is already
// closed panics. The server crashes on its way down, before the rest of its
// cleanup has run: the specs report a PANIC, "close of closed channel", in
// Stop.
//
// Your job: make Stop safe to call any number of times, from any goroutine,
// even at the same time. Keep the hub's goroutine and the API; no time.Sleep.
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
	// TODO: every call closes quit, and a channel can be closed only once.
	// Stop is called twice at shutdown, sometimes at the very same moment.
	close(h.quit)
}

// Done returns a channel that is closed once the hub has stopped: Stop has
// been called and the delivery in progress, if any, has returned.
func (h *Hub) Done() <-chan struct{} {
	return h.done
}
