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
// Solution: wg.Add(1) moves out of the goroutine, to just before the go
// statement. Compare counts each goroutine in before it starts it, so by the
// time Compare reaches Wait the counter already holds every goroutine,
// however long each waits for its turn; Wait returns once the last has
// called Done.
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
	// prices[i] is written only by the goroutine for shops[i], and read by
	// the caller only after Wait: no two goroutines touch the same element.
	prices = make([]int, len(shops))
	var wg sync.WaitGroup // counts the goroutines not yet finished
	for i, shop := range shops {
		// Add runs here, on the goroutine that will Wait, before the go
		// statement: every Add then happens before Wait, and Wait cannot
		// find the counter at zero while a goroutine is still to come.
		// (wg.Add(len(shops)) once, before the loop, would do as well.)
		//
		// Where the goroutine counts itself in is the whole bug, not how:
		// an Add at the top of the goroutine, before the limiter, still
		// runs whenever the scheduler gets to it, maybe after Wait. The
		// tempting "count them all in at once" inside the first goroutine
		// to run has the same flaw, and a sleep before Wait only bets that
		// the goroutines win; see wrong/.
		wg.Add(1)
		go func() {
			defer wg.Done() // deferred first, so it runs however quote returns
			<-limiter       // wait for this call's turn
			prices[i] = quote(shop)
		}()
	}
	// Each Done synchronizes before the return of Wait, so every write to
	// prices happens before the caller reads the slice.
	wg.Wait()
	return prices
}
