// Kata 22, a tempting wrong fix: when ctx has a deadline, wait on a timer
// set to that deadline instead of on ctx.Done().
//
// It is tempting because the story is about deadlines: a page's context is
// made with context.WithTimeout, and a timer that fires at its deadline
// gives up at exactly the right moment when the service is slow. But a
// context with a deadline can still be cancelled earlier (the visitor closes
// the tab, the parent request is cancelled), and a cancel does not move the
// timer. Price then goes on waiting for the service until it answers or the
// deadline passes, and returns a price nobody wants, or DeadlineExceeded
// instead of Canceled. Only ctx.Done() says every way a context can end.
package pricing

import (
	"context"
	"time"
)

// Client asks the pricing service for prices.
type Client struct {
	// Quote asks the service for the price of sku, in cents. It knows
	// nothing of contexts: once called, it returns only when the service
	// answers, however long that takes. It is safe for concurrent use.
	Quote func(sku string) (cents int, err error)
}

type quote struct {
	cents int
	err   error
}

// Price returns the price of sku, in cents, as the service quotes it, or
// ctx.Err() if ctx is done before the service answers.
func (c *Client) Price(ctx context.Context, sku string) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	ch := make(chan quote, 1) // buffered: the goroutine never blocks
	go func() {
		cents, err := c.Quote(sku)
		ch <- quote{cents, err}
	}()

	// A page context has a deadline: wait for exactly that long.
	if deadline, ok := ctx.Deadline(); ok {
		timer := time.NewTimer(time.Until(deadline))
		defer timer.Stop()
		select {
		case q := <-ch:
			return q.cents, q.err
		case <-timer.C:
			return 0, context.DeadlineExceeded
		}
	}
	select {
	case q := <-ch:
		return q.cents, q.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
