// Kata 22, a tempting wrong fix: wait for the answer on a select that also
// wakes every 5 ms, and look at ctx.Err() then.
//
// It is tempting because it looks like the reference: Quote runs on its own
// goroutine, its answer comes on a buffered channel, and Price no longer
// waits for the service. But a poll is a check made when a timer says so,
// not a wait for ctx: Price sees the cancel or the deadline only at its next
// tick (later on a busy machine), not as soon as ctx is done, and an answer
// that arrives in that window, after the deadline, is returned as a good
// price with no error. Wait for ctx.Done() in the same select as the answer.
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
	ch := make(chan quote, 1)
	go func() {
		cents, err := c.Quote(sku)
		ch <- quote{cents, err}
	}()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case q := <-ch:
			return q.cents, q.err
		case <-tick.C:
			if err := ctx.Err(); err != nil {
				return 0, err
			}
		}
	}
}
