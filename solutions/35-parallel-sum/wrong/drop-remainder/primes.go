// Kata 35, a tempting wrong fix: shares of size/workers, and the rest
// forgotten.
//
// Each worker counts a share of size/workers numbers, starting at
// lo + w*share. When the range divides evenly that is exactly right; when it
// does not, the last size%workers numbers are given to nobody, and any prime
// among them is never counted. It is tempting because it is the shortest way
// to cut a range, and because round test ranges (1,000 numbers, 4 cores)
// divide evenly.
package primes

import (
	"runtime"
	"sync"
)

// CountPrimes returns how many numbers n with lo <= n < hi satisfy
// isPrime(n), calling isPrime once for each of them. If hi <= lo it returns 0.
// isPrime may be called from several goroutines at once: CountPrimes tests
// the range on up to runtime.GOMAXPROCS(0) goroutines, and returns once all
// of them have finished.
func CountPrimes(lo, hi int, isPrime func(n int) bool) int {
	if hi <= lo {
		return 0
	}
	size := hi - lo

	workers := min(runtime.GOMAXPROCS(0), size)

	partial := make([]int, workers)
	var wg sync.WaitGroup

	share := size / workers
	for w := range workers {
		from, to := lo+w*share, lo+(w+1)*share
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := 0
			for i := from; i < to; i++ {
				if isPrime(i) {
					c++
				}
			}
			partial[w] = c
		}()
	}
	wg.Wait()

	count := 0
	for _, c := range partial {
		count += c
	}
	return count
}
