// Kata 35, a tempting wrong fix: count the workers home with an atomic, and
// poll it.
//
// The range is shared out among GOMAXPROCS workers, each with its own slot,
// as it should be. But instead of a WaitGroup, each worker adds one to an
// atomic counter when it is done, and the caller checks the counter in a
// loop, yielding between looks, until every worker is home. The count is
// exact and the tests run in parallel; but the caller never sleeps. It takes
// a core of its own for the whole count, the very core a worker needed, and
// on a machine whose cores are all busy it slows the count it waits for.
package primes

import (
	"runtime"
	"sync/atomic"
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
	var done atomic.Int32

	base, extra := size/workers, size%workers
	next := lo // the first number not yet given to a worker
	for w := range workers {
		from, to := next, next+base
		if w < extra {
			to++
		}
		next = to
		go func() {
			defer done.Add(1)
			c := 0
			for i := from; i < to; i++ {
				if isPrime(i) {
					c++
				}
			}
			partial[w] = c
		}()
	}
	for int(done.Load()) < workers {
		runtime.Gosched()
	}

	count := 0
	for _, c := range partial {
		count += c
	}
	return count
}
