// Kata 29, a tempting wrong fix: shut the door under the lock, then close
// the queue and wait for the workers.
//
// It is tempting because it is the whole fix for one Shutdown: the door
// shut, the queue closed after the last Submit, the workers waited for. But
// a daemon is often told to stop twice, by a signal handler and by a
// deferred call, or by two signals: the second Shutdown closes the queue
// again, and closing a closed channel panics. Close once, where the flag is
// first set, and let every call wait.
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
// worker has returned. The process may exit as soon as it returns.
func (o *Outbox) Shutdown() {
	o.mu.Lock()
	o.closed = true
	o.mu.Unlock()
	close(o.queue)
	o.wg.Wait()
}
