// Kata 29, a tempting wrong fix: shut the door, close the queue once, as it
// should, and wait for the workers at most two seconds, "so that a deploy
// cannot hang on a stuck mail server".
//
// Tempting because it looks defensive, and in a quick test every mail is
// sent within milliseconds. But a deploy comes in the middle of a rush: with
// a full queue and a slow mail server, draining takes longer than two
// seconds, Shutdown returns with receipts still queued or in send, and the
// process exits under the workers: the very mail the kata is about is lost.
// Shutdown promises that all of it is sent; wait for the workers, with the
// WaitGroup. If one send may hang, the bound belongs in send (a timeout on
// the mail server's call), where the failure can be logged or retried.
package outbox

import (
	"errors"
	"sync"
	"time"
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
	once   sync.Once
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
	o.once.Do(func() { close(o.queue) }) // the workers finish the queue and return
	done := make(chan struct{})
	go func() {
		o.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second): // a deploy must not hang on a stuck mail server
	}
}
