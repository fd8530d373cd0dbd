// Kata 12, a tempting wrong fix: wg.Add(1) moves before the go statement, as
// it should, and Compare waits for the shops at most five seconds, "so that
// one slow shop cannot hold up the page".
//
// Tempting because it looks defensive, and in a quick test every shop gets
// its turn within milliseconds. But the rate limiter lets one call through
// per period: with a period of a second, every shop after the fifth is
// shown with a price of 0, and its goroutine later writes its price into a
// slice the caller is already reading. Compare promises every price; wait
// for the work, with the WaitGroup. A page that must answer in time needs
// fewer shops or a faster limiter, not prices dropped in silence.
//
// (The red team's version gave up after one second. Five keeps the fix's
// late writes out of the specs that run on the real clock, whose limiter
// opens after harness.ProbeWait: on a loaded machine a one-second bound was
// sometimes reached there, and the verdict became a data race instead of
// the missing prices. The spec on the fake clock catches any bound.)
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
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-limiter // wait for this call's turn
			prices[i] = quote(shop)
		}()
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second): // the page must answer within five seconds
	}
	return prices
}
