// Kata 12, a tempting wrong fix: Add before go, and the first shop asked at
// once.
//
// The counting is right: each goroutine is counted in before it starts, and
// Compare waits for every price. And a ticker's first tick comes only after a
// whole period, so why make the first shop wait for it? Because the limiter
// is not Compare's to second-guess: it may be shared by every page of the
// site, and its turn may have gone to another request already. The first shop
// is then asked outside the rate the shop's API allows, on every comparison.
// Every call waits for its turn, the first one too.
package pricecheck

import (
	"sync"
	"time"
)

// Compare asks quote for the price of every shop in shops, in cents, each call
// on a goroutine of its own that first waits for a tick of limiter, and
// returns the prices: prices[i] is the price of shops[i]. limiter is
// typically time.Tick(period), which lets one call through per period.
//
// Compare returns only once every call to quote has returned, so it takes at
// least len(shops) ticks. quote must be safe to call from several goroutines
// at once.
func Compare(shops []string, limiter <-chan time.Time, quote func(shop string) int) (prices []int) {
	prices = make([]int, len(shops))
	var wg sync.WaitGroup
	for i, shop := range shops {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i > 0 {
				<-limiter // the first shop has its turn already
			}
			prices[i] = quote(shop)
		}()
	}
	wg.Wait()
	return prices
}
