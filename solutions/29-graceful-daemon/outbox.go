// Kata 29 · A daemon that forgets its queue at shutdown
//
// An online shop mails a receipt for every order. The checkout handler hands
// each receipt to an Outbox, a small daemon that queues the mail and sends it
// on a fixed pool of workers. On every deploy the old process calls Shutdown
// and exits. Shutdown stops Submit from taking new mail, and that is all it
// does: it returns while the workers are still busy and the queue still full,
// and the process exits under them. Customers who ordered in the last seconds
// before a deploy never get a receipt; the specs find mail still unsent when
// Shutdown returns.
//
// Solution: a graceful shutdown in three steps, in this order. Stop
// accepting (closed, under mu); tell the workers no more mail is coming
// (close the queue, so that each range loop ends once the queue is empty);
// wait for the workers (wg.Wait). Closing a buffered channel discards
// nothing: receivers still get every value sent before the close, then the
// loop ends. So the workers drain the queue themselves, and when the last one
// returns there is nothing left to send.
package outbox

import (
	"errors"
	"sync"
)

// ErrClosed is what Submit returns once Shutdown has been called.
var ErrClosed = errors.New("outbox: shut down")

// Mail is one receipt to send.
type Mail struct {
	ID int
	To string
}

// Outbox queues mail and sends it on a pool of workers. Use Start to make
// one; the zero value has no queue and no workers.
type Outbox struct {
	queue chan Mail      // the mail waiting for a worker; closed by Shutdown, once
	wg    sync.WaitGroup // counts the running workers; every Add is in Start

	// mu protects closed. Submit holds it from its check of closed to the
	// end of its send, and Shutdown sets closed and closes queue under it,
	// so no send can start after, or still be under way at, the close.
	mu     sync.Mutex
	closed bool // set by Shutdown: Submit takes no more mail
}

// Start starts an outbox with a queue for `queue` mails and a pool of
// `workers` goroutines (at least 1) that call send for each mail, so send
// may be called from several goroutines at once. Call Shutdown when done:
// until then the workers wait for mail.
func Start(workers, queue int, send func(Mail)) *Outbox {
	o := &Outbox{queue: make(chan Mail, queue)}
	for range workers {
		o.wg.Add(1)
		go func() {
			defer o.wg.Done()
			// The loop ends only when the queue is closed and empty: that
			// is the one signal a worker needs to finish the queue and go.
			for m := range o.queue {
				send(m)
			}
		}()
	}
	return o
}

// Submit queues m, waiting while the queue is full. It returns ErrClosed,
// and queues nothing, once Shutdown has been called.
func (o *Outbox) Submit(m Mail) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.closed {
		return ErrClosed
	}
	o.queue <- m
	return nil
}

// Shutdown stops the outbox: from then on Submit refuses new mail, and by the
// time Shutdown returns every mail accepted before has been sent and every
// worker has returned. The process may exit as soon as it returns. Shutdown
// may be called more than once; every call waits for the workers.
func (o *Outbox) Shutdown() {
	o.mu.Lock()
	if !o.closed {
		o.closed = true
		// Stop accepting and tell the workers, in one step under mu: a
		// Submit that saw closed == false has finished its send before we
		// got mu, and any later one sees closed and never sends, so no send
		// meets a closed channel. The queued mail stays in the channel for
		// the workers to drain.
		close(o.queue)
	}
	o.mu.Unlock()

	// Wait without holding mu, so that a Submit during the drain is refused
	// at once instead of waiting for the last mail to go out.
	//
	// The tempting shortcuts lose mail. Closing the queue without this wait
	// returns while the workers are still sending, and the process exits
	// under them. A quit channel or a cancelled context that the workers
	// select on makes each of them stop after the mail in hand, and
	// everything still queued is dropped: "stop" must mean "no more mail is
	// coming", which is what closing the queue says, not "stop now".
	o.wg.Wait()
}
