package bench

import (
	"runtime"
	"sync"
	"testing"
)

// primes counts the primes in [lo, hi) by trial division: pure CPU work.
func primes(lo, hi int) int {
	n := 0
	for x := max(lo, 2); x < hi; x++ {
		prime := true
		for d := 2; d*d <= x; d++ {
			if x%d == 0 {
				prime = false
				break
			}
		}
		if prime {
			n++
		}
	}
	return n
}

const cpuRange = 200_000

// split counts primes in [0, cpuRange) on `workers` goroutines.
func split(workers int) int {
	partial := make([]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*cpuRange/workers, (w+1)*cpuRange/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			partial[w] = primes(lo, hi)
		}()
	}
	wg.Wait()
	total := 0
	for _, p := range partial {
		total += p
	}
	return total
}

// BenchmarkCPU shows sequential, concurrent and parallel: the same work on
// one goroutine; on several goroutines that share one P (concurrent, not
// parallel: no faster); and on one goroutine per P (parallel).
func BenchmarkCPU(b *testing.B) {
	b.Run("sequential", func(b *testing.B) {
		for range b.N {
			sink = int64(primes(0, cpuRange))
		}
	})
	b.Run("concurrent-gomaxprocs=1", func(b *testing.B) {
		old := runtime.GOMAXPROCS(1)
		defer runtime.GOMAXPROCS(old)
		for range b.N {
			sink = int64(split(4))
		}
	})
	b.Run("parallel", func(b *testing.B) {
		for range b.N {
			sink = int64(split(runtime.GOMAXPROCS(0)))
		}
	})
}
