// Kata 22 · A call that outlives its deadline
//
// A shop renders every product page within a deadline: the page handler gives
// each request a context that expires after a few hundred milliseconds, and a
// page that misses it shows "price on request" instead. The price comes from
// an old pricing service whose client call, Quote, takes no context: once
// called, it runs until the service answers. Price waits for that answer
// whatever ctx says. When the service is slow, the page waits with it, long
// past its deadline, and then gets a price it can no longer use and no error
// to say the deadline passed: the specs report a wrong result.
//
// Solution: Quote runs on a goroutine of its own and sends its answer on a
// channel; Price waits in a select on that channel and on ctx.Done(), and
// returns with whichever is ready first. Quote cannot be stopped, so when
// Price gives up the goroutine lives on until the service answers; the
// channel has room for that one late answer, so the send never blocks and
// the goroutine then ends.
package pricing

import "context"

// Client asks the pricing service for prices. A Client with a nil Quote is
// not usable.
type Client struct {
	// Quote asks the service for the price of sku, in cents. It knows
	// nothing of contexts: once called, it returns only when the service
	// answers, however long that takes. It is safe for concurrent use.
	Quote func(sku string) (cents int, err error)
}

// answer is what one call to Quote returned.
type answer struct {
	cents int
	err   error
}

// Price returns the price of sku, in cents, as the service quotes it, or
// ctx.Err() (context.DeadlineExceeded or context.Canceled) if ctx is done
// before the service answers. It returns as soon as either happens.
//
// Price calls Quote once, on a goroutine of its own, even if ctx is already
// done. When Price returns ctx.Err(), that goroutine is still waiting for the
// service: it ends when Quote returns, and its answer is dropped. So each
// abandoned call costs a goroutine for as long as the service takes to
// answer; the service's own timeouts bound that, not ctx. If the answer and
// ctx.Done() are ready at once, select picks either.
func (c *Client) Price(ctx context.Context, sku string) (int, error) {
	// Room for the one answer the goroutine sends, so that the send
	// completes even when Price has stopped listening. The tempting select
	// on an unbuffered channel returns on time, but the late send then waits
	// for a receiver that is gone, and the goroutine never ends: a leak per
	// abandoned call.
	answers := make(chan answer, 1)
	go func() {
		cents, err := c.Quote(sku)
		answers <- answer{cents, err} // never blocks: the buffer is this send's alone
	}()

	// Wait for the answer and the context at the same time. Checking
	// ctx.Err() after Quote returns (the other tempting fix) reports the
	// deadline correctly but only once the service has answered, as late
	// as before; checking it before the call only catches a page that was
	// already late.
	select {
	case a := <-answers:
		return a.cents, a.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
