// Kata 29, a tempting wrong fix: an atomic flag in front of the close, so
// that only the first Shutdown closes the queue, then every call waits.
//
// It is tempting because atomics are "safe", it survives a second Shutdown
// called after the first, and it keeps the lock for the door alone. But the
// flag is read in one step and set in another: two Shutdowns at once (a
// signal handler and a deferred call) can both read "not yet" before either
// sets it, and both go on to close the queue; the second close panics.
// Checking and setting must be one step: under the mutex, as the door is, or
// with sync.Once or CompareAndSwap.
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
	queue chan Mail      // the mail waiting for a worker
	wg    sync.WaitGroup // counts the running workers

	mu     sync.Mutex // protects closed
	closed bool       // set by Shutdown: Submit takes no more mail

	shutdown atomic.Bool // set by the Shutdown that closes the queue
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
	if !o.shutdown.Load() { // two calls at once can both get here
		o.shutdown.Store(true)
		o.mu.Lock()
		o.closed = true
		close(o.queue)
		o.mu.Unlock()
	}
	o.wg.Wait()
}
