// Kata 35 · A sum that uses one core of many
//
// A maths-puzzle site tells its visitors how many primes lie in any range
// they ask about. CountPrimes tests the numbers of the range one after
// another, on the caller's goroutine, and adds up the primes. The answer is
// right, but the server has many cores and the count keeps one of them busy
// while the others idle: a large range takes as long as if the machine had a
// single core. The specs watch the primality tests and fail because they
// never see more than one running at a time.
//
// Solution: a parallel sum. The range is cut into runtime.GOMAXPROCS(0)
// shares of nearly equal size, one per goroutine; each goroutine counts the
// primes of its share in a local variable and stores its partial count in a
// slot of its own; after wg.Wait the caller adds up the slots. The goroutines
// share nothing while they work, so they need no lock, and there are exactly
// as many as the runtime can run at the same time.
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

	// GOMAXPROCS(0) reads, without changing it, how many goroutines the
	// runtime runs at once: the cores this process may use, unless someone
	// set it lower. More CPU-bound workers than that only take turns on the
	// same cores; runtime.NumCPU would ignore a lower setting (a container's
	// CPU limit, for one). A range shorter than that gets one worker per
	// number.
	workers := min(runtime.GOMAXPROCS(0), size)

	// partial[w] is written only by worker w, and read by the caller only
	// after wg.Wait: each Done synchronizes before Wait returns, so no lock
	// is needed. The tempting shortcut, every worker adding to one shared
	// count (wrong/shared-count), is a data race and loses primes; a mutex
	// around each whole test (wrong/lock-per-number) makes the race go away
	// and the parallelism with it.
	partial := make([]int, workers)
	var wg sync.WaitGroup

	// Shares differ by at most one number: the first size%workers shares
	// get one extra. Computed by addition, the bounds cannot overflow.
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
			// Counting in a local and storing once keeps the workers off
			// each other's cache lines while they work.
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
