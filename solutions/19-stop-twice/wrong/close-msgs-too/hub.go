// Kata 19, a tempting wrong fix: a sync.Once that closes both channels.
//
// Stop closes quit once, whoever calls it and however often: the double close
// is gone. And since nothing may be published after Stop, the Once closes
// msgs as well, to make that rule stick. But a closed channel is always ready
// to receive: from then on the loop's select has two ready cases, and picks
// the closed msgs as often as quit, taking the zero value, "", for a message
// and delivering it. Every hub stopped this way may deliver a message nobody
// published, several even, before it notices quit. Close a channel only to
// tell its receivers that no more values will come; here quit already says
// so.
package hub

import "sync"

// Hub delivers published messages, one at a time and in order, on a goroutine
// of its own. Make one with Start; the zero Hub is not usable, and a Hub must
// not be copied (it holds a sync.Once).
type Hub struct {
	msgs chan string   // Publish sends, the loop receives; closed by Stop
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
	h.stop.Do(func() {
		close(h.quit)
		close(h.msgs) // nothing may be published after Stop anyway
	})
}

// Done returns a channel that is closed once the hub has stopped: Stop has
// been called and the delivery in progress, if any, has returned.
func (h *Hub) Done() <-chan struct{} {
	return h.done
}
