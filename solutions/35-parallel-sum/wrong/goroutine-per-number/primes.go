// Kata 35, a tempting wrong fix: a goroutine per number.
//
// "Goroutines are cheap": one per number, each adding to an atomic count. The
// count is exact and the tests do run in parallel. But the runtime can only
// run GOMAXPROCS of them at once; the rest wait their turn in its queues,
// each with a stack of its own. A range of ten million numbers makes ten
// million goroutines to do the work of a handful, and the spec that watches
// the tests sees more in flight than there are cores.
package primes

import (
	"sync"
	"sync/atomic"
)

// CountPrimes returns how many numbers n with lo <= n < hi satisfy
// isPrime(n), calling isPrime once for each of them. If hi <= lo it returns 0.
// isPrime may be called from several goroutines at once.
func CountPrimes(lo, hi int, isPrime func(n int) bool) int {
	var (
		count atomic.Int64
		wg    sync.WaitGroup
	)
	for n := lo; n < hi; n++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if isPrime(n) {
				count.Add(1)
			}
		}()
	}
	wg.Wait()
	return int(count.Load())
}
