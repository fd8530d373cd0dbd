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
// Your job: make Price give up as soon as ctx is done and return ctx.Err(),
// even though nothing can make Quote itself return sooner. Keep the API
// (Quote takes no context and cannot be changed); no time.Sleep.
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
	// TODO: nothing here looks at ctx: this waits for Quote however long it
	// takes. Price cannot stop Quote, but it can stop waiting for it.
	return c.Quote(sku)
}
