// Package pool runs the harness's batch jobs (verify, grade, status) on a
// few workers.
package pool

import (
	"context"
	"sync"
)

// Each calls do(i) for every i in [0, n) on at most workers goroutines
// (workers <= 0 means 2), and returns when every call has returned. Calls
// not yet started when ctx is done are skipped.
//
// The first job runs alone: on a cold build cache it compiles Ginkgo, Gomega
// and the race runtime once, where parallel builds would each compile them.
func Each(ctx context.Context, n, workers int, do func(i int)) {
	if n == 0 {
		return
	}
	if workers <= 0 {
		workers = 2
	}
	do(0)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, n-1) {
		wg.Go(func() {
			for i := range next {
				do(i)
			}
		})
	}
	for i := 1; i < n && ctx.Err() == nil; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
