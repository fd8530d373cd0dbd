package harness

import (
	"sync"

	"github.com/onsi/ginkgo/v2"
)

// Stress starts n goroutines, holds them at a start barrier until all have
// started, releases them together and waits for all to return. fn receives
// the goroutine's index, 0 to n-1.
//
// The barrier makes the goroutines' work overlap, so the race detector sees
// conflicting accesses on every run instead of only when the scheduler
// happens to interleave them. Call it inside MustFinish when fn could block.
// Gomega assertions inside fn fail the spec as usual.
func Stress(n int, fn func(i int)) {
	var (
		ready sync.WaitGroup
		done  sync.WaitGroup
		start = make(chan struct{})
	)
	ready.Add(n)
	done.Add(n)
	for i := range n {
		go func() {
			defer done.Done()
			defer ginkgo.GinkgoRecover()
			ready.Done()
			<-start
			fn(i)
		}()
	}
	ready.Wait()
	close(start)
	done.Wait()
}
