// Kata 35, a tempting wrong fix: four workers, because the laptop has four
// cores.
//
// Everything else is right: shares of nearly equal size, a slot per worker,
// a WaitGroup. But the number of workers is the number of cores of the
// machine it was written on. On a server with 64 cores, 60 stay idle; on a
// container given two, four goroutines queue for them. runtime.GOMAXPROCS(0)
// is the number of goroutines the runtime will run at once, wherever the
// code runs.
package primes

import "sync"

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

	workers := min(4, size)

	partial := make([]int, workers)
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
