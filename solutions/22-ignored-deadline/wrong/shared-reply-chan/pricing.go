// Kata 22, a tempting wrong fix: one buffered answer channel per Client,
// made once and shared by every call.
//
// It is tempting because the buffer is large, so the goroutine of an
// abandoned call never blocks on its late send, and nothing leaks. But an
// answer on a shared channel belongs to whoever receives first: the late
// answer to a page that gave up stays in the buffer, and the next page that
// asks (maybe for another product) takes it and returns the wrong price;
// pages asking at once can swap answers too. Each call needs a channel of
// its own, which only its own goroutine sends on.
package pricing

import (
	"context"
	"sync"
)

// Client asks the pricing service for prices.
type Client struct {
	// Quote asks the service for the price of sku, in cents. It knows
	// nothing of contexts: once called, it returns only when the service
	// answers, however long that takes. It is safe for concurrent use.
	Quote func(sku string) (cents int, err error)

	once    sync.Once
	replies chan quote
}

type quote struct {
	cents int
	err   error
}

// Price returns the price of sku, in cents, as the service quotes it, or
// ctx.Err() if ctx is done before the service answers.
func (c *Client) Price(ctx context.Context, sku string) (int, error) {
	// one channel for the client, with room so abandoned quotes never block
	c.once.Do(func() { c.replies = make(chan quote, 64) })
	go func() {
		cents, err := c.Quote(sku)
		c.replies <- quote{cents, err}
	}()
	select {
	case q := <-c.replies:
		return q.cents, q.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
