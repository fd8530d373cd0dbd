// Kata 22, a tempting wrong fix: an unbuffered answer channel, and a send
// that gives up (select with default) when nobody is receiving.
//
// It is tempting because it cures the leak of the plain unbuffered send: a
// goroutine whose Price has left no longer waits forever, it drops the answer
// and ends. But "nobody is receiving" is also true before Price has reached
// its select. When the service answers quickly, the goroutine can get there
// first: the answer is thrown away while Price is about to ask for it, and
// Price then waits for a deadline it should never have needed, returning an
// error instead of a price the service did give.
package pricing

import "context"

// Client asks the pricing service for prices.
type Client struct {
	// Quote asks the service for the price of sku, in cents. It knows
	// nothing of contexts: once called, it returns only when the service
	// answers, however long that takes. It is safe for concurrent use.
	Quote func(sku string) (cents int, err error)
}

type answer struct {
	cents int
	err   error
}

// Price returns the price of sku, in cents, as the service quotes it, or
// ctx.Err() if ctx is done before the service answers.
func (c *Client) Price(ctx context.Context, sku string) (int, error) {
	answers := make(chan answer)
	go func() {
		cents, err := c.Quote(sku)
		select {
		case answers <- answer{cents, err}:
		default: // Price has gone: drop the answer rather than block
		}
	}()
	select {
	case a := <-answers:
		return a.cents, a.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
