// Kata 12 · A WaitGroup counted in too late
//
// A price-comparison site asks every shop for its price of a product, then
// shows the prices side by side. The shops are slow to answer, so Compare asks
// them all at once, one goroutine per shop, and waits for the answers with a
// sync.WaitGroup. The shops also limit how often the site may call, so each
// goroutine first waits for its turn on a rate limiter, and only then counts
// itself in with wg.Add(1). Long before the first turn comes, Wait has found
// the counter at zero and returned: the page shows a price of 0 for every
// shop, and the specs fail with the prices that never arrived.
//
// Your job: make Compare return only once every shop has answered.
// Keep one goroutine per shop, the rate limiter and the API; no time.Sleep.
package pricecheck

import (
	"sync"
	"time"
)

// Compare asks quote for the price of every shop in shops, in cents, each call
// on a goroutine of its own that first waits for a tick of limiter, and
// returns the prices: prices[i] is the price of shops[i]. limiter is
// typically time.Tick(period), which lets one call through per period.
func Compare(shops []string, limiter <-chan time.Time, quote func(shop string) int) (prices []int) {
	prices = make([]int, len(shops))
	var wg sync.WaitGroup
	for i, shop := range shops {
		go func() {
			<-limiter // wait for this call's turn
			// TODO: this goroutine counts itself in only once its turn has
			// come. What does wg.Wait see if it gets there first?
			wg.Add(1)
			defer wg.Done()
			prices[i] = quote(shop)
		}()
	}
	wg.Wait()
	return prices
}
