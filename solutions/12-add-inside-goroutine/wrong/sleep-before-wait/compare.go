// Kata 12, a tempting wrong fix: give the goroutines a moment to count in.
//
// A goroutine starts in microseconds, so ten milliseconds looks generous. But
// these goroutines count in only once the rate limiter gives them a turn, and
// no sleep can know when that will be: Wait still finds the counter at zero
// and Compare returns with no prices. A sleep orders nothing; it only bets.
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
			wg.Add(1)
			defer wg.Done()
			prices[i] = quote(shop)
		}()
	}
	time.Sleep(10 * time.Millisecond) // let every goroutine count itself in
	wg.Wait()
	return prices
}
