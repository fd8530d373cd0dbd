// Kata 29 · A daemon that loses mail at shutdown — a correct alternative: a
// read-write lock, so Submits do not wait for one another, and sync.Once for
// the close.
//
// Why it is also correct: every Submit holds the read lock from its check
// of closed to the end of its send, so several can wait for room in a full
// queue at once. Shutdown takes the write lock to set closed, which waits
// until no Submit is between its check and its send; after that every
// Submit sees closed and returns ErrClosed. So the close, done once under
// the write lock, never meets a send. The workers drain the closed queue and
// return, and every call to Shutdown waits for them with wg.Wait.
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
	queue chan Mail      // the mail waiting for a worker; closed once, by Shutdown
	wg    sync.WaitGroup // counts the running workers; every Add is in Start

	mu        sync.RWMutex // Submit holds it for reading, Shutdown for writing
	closed    bool         // protected by mu: Submit takes no more mail
	closeOnce sync.Once    // closes queue
}

// Start starts an outbox with a queue for `queue` mails and a pool of
// `workers` goroutines (at least 1) that call send for each mail, so send
// may be called from several goroutines at once.
func Start(workers, queue int, send func(Mail)) *Outbox {
	o := &Outbox{queue: make(chan Mail, queue)}
	for range workers {
		o.wg.Go(func() {
			for m := range o.queue {
				send(m)
			}
		})
	}
	return o
}

// Submit queues m, waiting while the queue is full. It returns ErrClosed,
// and queues nothing, once Shutdown has been called.
func (o *Outbox) Submit(m Mail) error {
	o.mu.RLock()
	defer o.mu.RUnlock()
	if o.closed {
		return ErrClosed
	}
	o.queue <- m
	return nil
}

// Shutdown stops the outbox: from then on Submit refuses new mail, and by the
// time Shutdown returns every mail accepted before has been sent and every
// worker has returned. The process may exit as soon as it returns. It may be
// called more than once.
func (o *Outbox) Shutdown() {
	o.mu.Lock()
	o.closed = true
	o.closeOnce.Do(func() { close(o.queue) })
	o.mu.Unlock()
	o.wg.Wait()
}
