// Kata 22, a tempting wrong fix: check ctx.Err() before calling Quote.
//
// The check catches a page that is already late when it asks. A deadline
// that passes while Quote runs goes unnoticed: Price waits for the answer,
// long past the deadline, and returns it with no error.
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
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return c.Quote(sku)
}
