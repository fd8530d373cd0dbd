package bench

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// runPool processes jobs on a pool of `workers` goroutines.
func runPool(workers, jobs int, work func()) {
	queue := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range queue {
				work()
			}
		}()
	}
	for range jobs {
		queue <- struct{}{}
	}
	close(queue)
	wg.Wait()
}

// BenchmarkPool runs 32 jobs on pools of 1 to 8 workers. I/O-like jobs wait
// (1 ms each), so more workers help until the jobs run out; CPU-like jobs
// compute, so more workers than cores cannot help.
func BenchmarkPool(b *testing.B) {
	const jobs = 32
	io := func() { time.Sleep(time.Millisecond) }
	cpu := func() { sink = int64(primes(0, 20_000)) }
	for _, kind := range []struct {
		name string
		work func()
	}{{"io", io}, {"cpu", cpu}} {
		for _, w := range []int{1, 2, 4, 8} {
			b.Run(fmt.Sprintf("%s/workers=%d", kind.name, w), func(b *testing.B) {
				for range b.N {
					runPool(w, jobs, kind.work)
				}
			})
		}
	}
}
