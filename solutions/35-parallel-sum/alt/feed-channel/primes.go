// Kata 35, a correct alternative: workers that take batches of numbers from
// a channel.
//
// Instead of cutting the range into one fixed share per worker up front, the
// caller feeds it into a channel in small batches, and
// runtime.GOMAXPROCS(0) workers each take the next batch whenever they are
// free. Each worker keeps its own count and sends it on a results channel
// once the feed is closed; the caller adds them up. Still one goroutine per
// core testing at a time, every number tested exactly once, and no shared
// count. The feed also balances the load: a worker that drew slow numbers
// simply takes fewer batches (with fixed shares, the share with the biggest
// numbers finishes last). The batches keep the channel traffic small: one
// send per batch, not per number.
package primes

import "runtime"

// batch is how many consecutive numbers a worker takes from the feed at once.
const batch = 64

// span is a batch of the range: the numbers n with from <= n < to.
type span struct{ from, to int }

// CountPrimes returns how many numbers n with lo <= n < hi satisfy
// isPrime(n), calling isPrime once for each of them. If hi <= lo it returns 0.
// isPrime may be called from several goroutines at once.
func CountPrimes(lo, hi int, isPrime func(n int) bool) int {
	if hi <= lo {
		return 0
	}
	workers := min(runtime.GOMAXPROCS(0), hi-lo)

	feed := make(chan span)           // closed by the caller once the whole range is sent
	counts := make(chan int, workers) // one count per worker; room for all, so no worker waits to report
	for range workers {
		go func() {
			c := 0
			for s := range feed {
				for n := s.from; n < s.to; n++ {
					if isPrime(n) {
						c++
					}
				}
			}
			counts <- c
		}()
	}
	for from := lo; from < hi; from += batch {
		feed <- span{from, min(from+batch, hi)}
	}
	close(feed)

	count := 0
	for range workers {
		count += <-counts
	}
	return count
}
