// Kata 28 · Texts faster than the gateway allows
//
// A dental clinic texts an appointment reminder to every patient the evening
// before. SendAll hands each reminder to the SMS gateway on a goroutine of its
// own, because the gateway takes a while to answer each one. But the gateway
// accepts one message per `every` from each account, and throttles anything
// that comes sooner. SendAll never looks at the clock: it fires every
// reminder at once, and the specs' fake gateway sees messages microseconds
// apart where they had to be `every` apart.
//
// Solution: a time.Ticker paces the loop. Before it starts each send, the
// loop waits for the ticker's next beat, so the sends start no faster than
// one per every; each still runs on a goroutine of its own, so a slow answer
// holds up nothing. The ticker is stopped when SendAll returns.
package reminders

import (
	"sync"
	"time"
)

// SendAll calls send once for every message, each call on a goroutine of its
// own, starting the calls in order and no faster than one per every (every
// must be positive). It returns once every call has returned. errs[i] is the
// error send returned for msgs[i], or nil. send may be called from several
// goroutines at once.
//
// The first call starts one interval after SendAll is called, the second two
// intervals after, and so on, or later. A beat that comes while the loop is
// late waits in the ticker's channel (later ones are dropped), so after a
// late start the next send may follow at once; but no send ever starts
// before its own beat, and over the whole batch the pace is never faster
// than one per every.
func SendAll(msgs []string, every time.Duration, send func(msg string) error) (errs []error) {
	// errs[i] is written only by the goroutine for msgs[i], and read by the
	// caller only after Wait.
	errs = make([]error, len(msgs))
	var wg sync.WaitGroup // counts the sends not yet answered

	// The ticker belongs to this call: made here, waited on only by this
	// loop, and stopped on the way out. Stop does not close t.C; nobody
	// ranges over it, so nobody needs it closed. (time.Tick would leave the
	// ticker to the garbage collector, which since Go 1.23 is safe too, but
	// Stop says in code when its work is over.) A ticker runs on the
	// runtime's timers and starts no goroutine of its own.
	t := time.NewTicker(every)
	defer t.Stop()

	for i, msg := range msgs {
		// One beat per send, received on the loop's goroutine before the go
		// statement: the loop, not the sends, holds the pace. The tempting
		// wrong fix, a time.Sleep(every) inside each goroutine, paces
		// nothing: the goroutines start together, sleep together and wake
		// together. Waiting for one beat before the loop only delays the
		// whole burst by one interval.
		<-t.C
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = send(msg)
		}()
	}
	// Each Done synchronizes before the return of Wait, so every write to
	// errs happens before the caller reads it.
	wg.Wait()
	return errs
}
