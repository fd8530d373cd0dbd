// Kata 29, a tempting wrong fix: make closed an atomic.Bool, check it in
// Submit without a lock, and close the queue and wait in Shutdown.
//
// It is tempting because the lock seemed to be only for closed, an atomic
// flag has no race, and the shutdown itself is right: close the queue, wait
// for the workers. But Submit's check and its send are two steps. A Submit
// that saw the flag still false and is waiting for room in a full queue is
// still in its send when Shutdown closes the queue: the close and the send
// are a data race, which the race detector reports, and the send then panics
// on the closed channel. The check and the send must be one step with
// respect to the close: a lock that Submit holds across both, and Shutdown
// takes to close.
package outbox

import (
	"errors"
	"sync"
	"sync/atomic"
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
	queue  chan Mail      // the mail waiting for a worker
	wg     sync.WaitGroup // counts the running workers
	closed atomic.Bool    // set by Shutdown: Submit takes no more mail
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
	if o.closed.Load() {
		return ErrClosed
	}
	o.queue <- m
	return nil
}

// Shutdown stops the outbox: from then on Submit refuses new mail, and by the
// time Shutdown returns every mail accepted before has been sent and every
// worker has returned. The process may exit as soon as it returns.
func (o *Outbox) Shutdown() {
	o.closed.Store(true)
	close(o.queue)
	o.wg.Wait()
}
