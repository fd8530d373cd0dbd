// Kata 12, a tempting wrong fix: count the shops in with an atomic counter
// set before the loop, and poll it until every goroutine has counted itself
// out.
//
// Tempting because the count is now right from the start, and the atomic
// operations order every price before the load that sees zero: the prices
// are all there and -race is silent. But Compare does not wait, it polls:
// while the shops wait for their turn on the rate limiter, which can be
// seconds, it spins on the counter and burns a core. A WaitGroup counted in
// before each go statement waits the same way, parked.
package pricecheck

import (
	"runtime"
	"sync/atomic"
	"time"
)

// Compare asks quote for the price of every shop in shops, in cents, each call
// on a goroutine of its own that first waits for a tick of limiter, and
// returns the prices: prices[i] is the price of shops[i]. limiter is
// typically time.Tick(period), which lets one call through per period.
func Compare(shops []string, limiter <-chan time.Time, quote func(shop string) int) (prices []int) {
	prices = make([]int, len(shops))
	var pending atomic.Int64
	pending.Store(int64(len(shops))) // every shop counted in before any goroutine starts
	for i, shop := range shops {
		go func() {
			defer pending.Add(-1)
			<-limiter // wait for this call's turn
			prices[i] = quote(shop)
		}()
	}
	for pending.Load() > 0 {
		runtime.Gosched() // let the shops answer
	}
	return prices
}
