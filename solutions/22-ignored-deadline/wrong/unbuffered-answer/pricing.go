// Kata 22, a tempting wrong fix: select on ctx.Done() and an unbuffered
// channel.
//
// Price now returns on time. But when it gives up, nobody will ever receive
// from answers: once the service answers, the goroutine's send waits for a
// receiver that is gone, and the goroutine never ends. Every abandoned call
// leaks one, and the leak check at the end of the spec finds it.
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
		answers <- answer{cents, err}
	}()
	select {
	case a := <-answers:
		return a.cents, a.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
