// Kata 12, a tempting wrong fix: the first goroutine to run counts them all in.
//
// One Add of len(shops) instead of many Add(1)s changes nothing about when
// the Add runs: still inside a goroutine, once its turn has come. Wait gets
// there first, finds the counter at zero and returns with no prices at all.
// (The sync.Once at least keeps the other goroutines from calling Done
// before the Add, which would panic with a negative counter.)
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
	var (
		wg      sync.WaitGroup
		counted sync.Once
	)
	for i, shop := range shops {
		go func() {
			<-limiter // wait for this call's turn
			counted.Do(func() { wg.Add(len(shops)) })
			defer wg.Done()
			prices[i] = quote(shop)
		}()
	}
	wg.Wait()
	return prices
}
