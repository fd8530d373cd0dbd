// Kata 19 · A service stopped twice
//
// A correct alternative: a mutex and a plain "stopped" flag, the check and
// the close both made while holding the lock.
//
// Why it is also correct: the lock makes "is it stopped? if not, mark it and
// close quit" one step that no other Stop can enter halfway, so exactly one
// caller closes quit, and the flag is only ever read and written under the
// lock, so there is no data race. (wrong/lock-around-close held a lock too,
// but still closed on every call; it is the check under the lock that
// counts.) sync.Once, in the reference solution, does the same with less to
// get wrong; atomic.Bool's CompareAndSwap would too.
package hub

import "sync"

// Hub delivers published messages, one at a time and in order, on a goroutine
// of its own. Make one with Start.
type Hub struct {
	msgs chan string   // Publish sends, the loop receives
	quit chan struct{} // closed by Stop: the loop returns
	done chan struct{} // closed by the loop when it returns

	mu      sync.Mutex // protects stopped, and makes the check and the close one step
	stopped bool       // quit has been closed
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
	h.mu.Lock()
	defer h.mu.Unlock()
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
