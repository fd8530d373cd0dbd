// Kata 29, a tempting wrong fix: count the mail, and wait for the count.
//
// Submit counts each mail in and a worker counts it out once it is sent, and
// Shutdown waits for the count to reach zero: every mail is sent before
// Shutdown returns. But the queue is never closed, so the workers never
// learn that no more mail is coming. They wait in their range loops for as
// long as the process lives: the leak check finds them after every spec.
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
	queue   chan Mail      // the mail waiting for a worker
	pending sync.WaitGroup // counts the mail accepted and not yet sent

	mu     sync.Mutex // protects closed
	closed bool       // set by Shutdown: Submit takes no more mail
}

// Start starts an outbox with a queue for `queue` mails and a pool of
// `workers` goroutines (at least 1) that call send for each mail, so send
// may be called from several goroutines at once.
func Start(workers, queue int, send func(Mail)) *Outbox {
	o := &Outbox{queue: make(chan Mail, queue)}
	for range workers {
		go func() {
			for m := range o.queue {
				send(m)
				o.pending.Done()
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
	o.pending.Add(1)
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
	o.pending.Wait()
}
