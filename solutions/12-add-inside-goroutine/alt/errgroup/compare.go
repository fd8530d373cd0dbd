// Kata 12 · A WaitGroup counted in too late
//
// A correct alternative: an errgroup.Group instead of a bare WaitGroup.
//
// Why it is also correct: Group.Go counts the function in (its WaitGroup's
// Add) before it starts the goroutine, on Compare's goroutine, so the count
// can no longer come too late: by the time Compare calls Wait, every shop is
// counted, however long each waits for its turn on the limiter. Wait returns
// once every function has returned, and each return happens before Wait
// returns, so every price is written before Compare reads the slice. No
// quote fails here, so the error Wait returns is always nil.
package pricecheck

import (
	"time"

	"golang.org/x/sync/errgroup"
)

// Compare asks quote for the price of every shop in shops, in cents, each call
// on a goroutine of its own that first waits for a tick of limiter, and
// returns the prices: prices[i] is the price of shops[i]. limiter is
// typically time.Tick(period), which lets one call through per period.
func Compare(shops []string, limiter <-chan time.Time, quote func(shop string) int) (prices []int) {
	prices = make([]int, len(shops))
	var g errgroup.Group
	for i, shop := range shops {
		g.Go(func() error { // counted in here, before the goroutine starts
			<-limiter // wait for this call's turn
			prices[i] = quote(shop)
			return nil
		})
	}
	_ = g.Wait() // no call fails
	return prices
}
