// Kata 35, a tempting wrong fix: one atomic total, read and then written.
//
// Each worker counts its share in a local variable, as it should, and at the
// end adds it to one shared total: total.Store(total.Load() + local). Both
// steps are atomic, so the race detector has nothing to report. But the sum
// is not: two workers that finish together can both load the same total,
// and the second Store overwrites the first, so one share is lost. The gap
// is a few instructions wide, and a worker cannot be held inside it; the
// specs make the workers finish their last tests at the same instant, on
// cores, many times over, until two of them meet in it. total.Add(local)
// would be one atomic step; a slot per worker needs no atomics at all.
package primes

import (
	"runtime"
	"sync"
	"sync/atomic"
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
	var (
		total atomic.Int64
		wg    sync.WaitGroup
	)
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
			local := 0
			for i := from; i < to; i++ {
				if isPrime(i) {
					local++
				}
			}
			// WRONG: another worker can Store between this Load and
			// this Store; its share is then overwritten.
			total.Store(total.Load() + int64(local))
		}()
	}
	wg.Wait()
	return int(total.Load())
}
