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
// Your job: make Shutdown graceful. Once it returns, every mail that Submit
// accepted has been sent, and every worker has returned. Keep the pool of
// exactly `workers` goroutines and the API; no time.Sleep.
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
// one.
type Outbox struct {
	queue chan Mail      // the mail waiting for a worker
	wg    sync.WaitGroup // counts the running workers

	mu     sync.Mutex // protects closed
	closed bool       // set by Shutdown: Submit takes no more mail
}

// Start starts an outbox with a queue for `queue` mails and a pool of
// `workers` goroutines (at least 1) that call send for each mail, so send
// may be called from several goroutines at once.
func Start(workers, queue int, send func(Mail)) *Outbox {
	o := &Outbox{queue: make(chan Mail, queue)}
	for range workers {
		o.wg.Add(1)
		go func() {
			defer o.wg.Done()
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
// worker has returned. The process may exit as soon as it returns. It may be
// called more than once, and from several goroutines at once.
func (o *Outbox) Shutdown() {
	o.mu.Lock()
	o.closed = true
	o.mu.Unlock()
	// TODO: the door is shut, but the workers were never told that no more
	// mail is coming, and nobody waits for them to finish what is queued.
	// How does a worker learn that its range loop is over?
}
