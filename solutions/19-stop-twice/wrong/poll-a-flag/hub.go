// Kata 19, a tempting wrong fix: no quit channel at all, and an atomic
// flag that the hub's loop polls between messages.
//
// Tempting because it removes the thing that panicked: Stop only stores
// true, which is safe to do any number of times from any goroutine, and the
// loop sees it. But a loop that checks a flag cannot wait for "a message or
// a stop" the way a select on two channels does: it has to poll, with a
// default case, and it burns a core for as long as the hub is idle, which is
// most of the time. A closed channel is the stop signal a goroutine can wait
// on; close it exactly once (sync.Once).
package hub

import (
	"runtime"
	"sync/atomic"
)

// Hub delivers published messages, one at a time and in order, on a goroutine
// of its own. Make one with Start.
type Hub struct {
	msgs    chan string   // Publish sends, the loop receives
	stopped atomic.Bool   // set by Stop: the loop returns
	done    chan struct{} // closed by the loop when it returns
}

// Start starts a hub that calls deliver for every message published to it.
func Start(deliver func(msg string)) *Hub {
	h := &Hub{
		msgs: make(chan string),
		done: make(chan struct{}),
	}
	go h.loop(deliver)
	return h
}

func (h *Hub) loop(deliver func(msg string)) {
	defer close(h.done)
	for !h.stopped.Load() {
		select {
		case msg := <-h.msgs:
			deliver(msg)
		default:
			runtime.Gosched() // nothing to deliver: look at the flag again
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
	h.stopped.Store(true) // storing true twice is harmless
}

// Done returns a channel that is closed once the hub has stopped: Stop has
// been called and the delivery in progress, if any, has returned.
func (h *Hub) Done() <-chan struct{} {
	return h.done
}
