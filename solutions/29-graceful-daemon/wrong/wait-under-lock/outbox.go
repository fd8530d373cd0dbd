// Kata 29, a tempting wrong fix: hold the lock for the whole of Shutdown,
// through the close and the wait for the workers.
//
// It is tempting because one deferred Unlock covers everything: the door is
// shut and the queue closed once, a second Shutdown simply waits its turn on
// the lock, and every mail is sent before Shutdown returns. But Submit takes
// the same lock: while the workers drain the queue, every checkout that
// submits waits on the lock for the last mail to go out, instead of being
// refused at once, though the queue has room. (And a send that ever submits
// again, a retry after a soft bounce, waits for a lock held by the Shutdown
// that waits for it.) Shut the door and close the queue under the lock;
// wait for the workers after Unlock.
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
	defer o.mu.Unlock() // held until the drain is over: a second Shutdown waits here
	if !o.closed {
		o.closed = true
		close(o.queue)
	}
	o.wg.Wait()
}
