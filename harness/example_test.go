package harness_test

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/racekatas/racekatas/harness"
)

// A probe proves that work ran concurrently: with NewProbe(2), two callers
// that really overlap open the gate at once, and Max reports both.
func ExampleProbe() {
	probe := harness.NewProbe(2)
	work := func() {
		leave := probe.Enter()
		defer leave()
	}

	var wg sync.WaitGroup
	for range 2 {
		wg.Go(work)
	}
	wg.Wait()
	fmt.Println("at most in flight:", probe.Max())
	// Output: at most in flight: 2
}

// Stress releases its goroutines together, so their work overlaps.
func ExampleStress() {
	var n atomic.Int64
	harness.Stress(8, func(i int) { n.Add(int64(i)) })
	fmt.Println(n.Load())
	// Output: 28
}

// Repeat runs a scenario many times, each under the deadlock watchdog, and
// stops at the first failure; here every repetition passes.
func ExampleRepeat() {
	var runs atomic.Int64
	harness.Repeat(100, func(i int) {
		var wg sync.WaitGroup
		wg.Go(func() { runs.Add(1) })
		wg.Wait()
	})
	fmt.Println(runs.Load())
	// Output: 100
}
