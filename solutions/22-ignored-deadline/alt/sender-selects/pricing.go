// Kata 22 · A call that outlives its deadline — a correct alternative: an
// unbuffered answer channel, and a sender that waits for either Price or
// ctx.
//
// Why it is also correct: Price waits for the answer and ctx.Done() at once,
// as in the reference. The goroutine's send needs no buffer because it too
// waits on two things: Price taking the answer, or ctx being done. If Price
// returned ctx.Err(), ctx is done, so the send gives up and the goroutine
// ends; if Price is still waiting, ctx is not done and the answer is handed
// over. Neither side can be left waiting for the other.
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
		case <-ctx.Done(): // Price has returned ctx.Err(), or is about to
		}
	}()
	select {
	case a := <-answers:
		return a.cents, a.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
