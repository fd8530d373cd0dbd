// Kata 22, a tempting wrong fix: an unbuffered answer channel that Price
// closes on its way out, "so that the goroutine is not left waiting on it".
//
// It is tempting because it reads like cleaning up after yourself: Price made
// the channel, Price closes it. But closing a channel does not release a
// sender, it breaks it: when the service answers after Price has returned
// ctx.Err(), the goroutine sends on a closed channel, and that panics and
// takes the whole process down. Only the sender may close a channel; here
// nobody needs to, if the send has a buffer slot to land in.
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
	defer close(answers)
	go func() {
		cents, err := c.Quote(sku)
		answers <- answer{cents, err}
	}()
	select {
	case a := <-answers:
		return a.cents, a.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
