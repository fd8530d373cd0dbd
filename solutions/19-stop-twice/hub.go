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
// Solution: Stop closes quit through a sync.Once. Once.Do runs its function
// for the first caller only; every other caller, even one that arrives while
// that function is still running, waits for it to return and then returns
// without running it. So quit is closed exactly once, and every Stop returns
// after it is closed.
package hub

import "sync"

// Hub delivers published messages, one at a time and in order, on a goroutine
// of its own. Make one with Start; the zero Hub is not usable, and a Hub must
// not be copied (it holds a sync.Once).
type Hub struct {
	msgs chan string   // Publish sends, the loop receives; never closed
	quit chan struct{} // closed by Stop, through stop, exactly once
	stop sync.Once     // guards the close of quit
	done chan struct{} // closed by the loop when it returns
}

// Start starts a hub that calls deliver for every message published to it.
// deliver is called from the hub's goroutine only, one message at a time.
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
//
// Stop may be called any number of times, from any goroutine, concurrently:
// the first call closes quit, the others do nothing more. Wait on Done to
// know when the hub has stopped.
func (h *Hub) Stop() {
	// Once.Do is the guard and the close in one atomic step. A guard of our
	// own is easy to get wrong: a plain `stopped` bool, tested and then set,
	// is a data race when the two callers come at once, and both may still
	// see false and both close. Testing Done first (`select { case <-h.done:
	// default: close(h.quit) }`) fails even one call after another: while a
	// delivery is in progress the hub has not stopped yet, so the second
	// caller closes quit again. A mutex around the close alone only makes
	// the two closes take turns; the second still panics.
	h.stop.Do(func() { close(h.quit) })
}

// Done returns a channel that is closed once the hub has stopped: Stop has
// been called and the delivery in progress, if any, has returned.
func (h *Hub) Done() <-chan struct{} {
	return h.done
}
