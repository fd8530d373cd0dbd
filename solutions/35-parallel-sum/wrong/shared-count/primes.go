// Kata 35, a tempting wrong fix: share the range out, but keep one count.
//
// The workers are right, one per core, each with its own share. But every
// one of them adds its primes to the same count variable, with nothing to
// order one worker's count++ against another's: a data race. Two workers can
// load the same value and both store it plus one, and a prime is lost.
package primes

import (
	"runtime"
	"sync"
)

// CountPrimes returns how many numbers n with lo <= n < hi satisfy
// isPrime(n), calling isPrime once for each of them. If hi <= lo it returns 0.
// isPrime may be called from several goroutines at once.
func CountPrimes(lo, hi int, isPrime func(n int) bool) int {
	if hi <= lo {
		return 0
	}
	size := hi - lo
	workers := min(runtime.GOMAXPROCS(0), size)
	count := 0
	var wg sync.WaitGroup
	base, extra := size/workers, size%workers
	next := lo // the first number not yet given to a worker
	for w := range workers {
		from, to := next, next+base
		if w < extra {
			to++
		}
		next = to
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := from; i < to; i++ {
				if isPrime(i) {
					count++
				}
			}
		}()
	}
	wg.Wait()
	return count
}
