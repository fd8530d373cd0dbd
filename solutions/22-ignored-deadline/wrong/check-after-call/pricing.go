// Kata 22, a tempting wrong fix: check ctx.Err() once Quote has returned.
//
// Price now reports the deadline, but only after the service has answered:
// it still waits for Quote as long as Quote takes, and the page is as late
// as before. An error that arrives after the deadline does not meet it.
package pricing

import "context"

// Client asks the pricing service for prices.
type Client struct {
	// Quote asks the service for the price of sku, in cents. It knows
	// nothing of contexts: once called, it returns only when the service
	// answers, however long that takes. It is safe for concurrent use.
	Quote func(sku string) (cents int, err error)
}

// Price returns the price of sku, in cents, as the service quotes it, or
// ctx.Err() if ctx is done before the service answers.
func (c *Client) Price(ctx context.Context, sku string) (int, error) {
	cents, err := c.Quote(sku)
	if ctx.Err() != nil {
		return 0, ctx.Err()
	}
	return cents, err
}
