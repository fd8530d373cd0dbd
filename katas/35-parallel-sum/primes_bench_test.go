package primes_test

import (
	"sync"
	"testing"

	primes "github.com/racekatas/racekatas/katas/35-parallel-sum"
)

// The benchmarks time one count of the primes below a million, three ways.
// Run them at one, two and four Ps (the -cpu flag sets GOMAXPROCS):
//
//	go test -run XXX -bench . -cpu 1,2,4 ./katas/35-parallel-sum/
//
// -run XXX matches no test, so the specs (which insist on -race) are skipped.

// benchHi is the end of the range counted, and benchWant the number of primes
// below it.
const (
	benchHi   = 1_000_000
	benchWant = 78498
)

// BenchmarkLoop is the baseline: a plain loop on one goroutine, whatever the
// number of Ps.
func BenchmarkLoop(b *testing.B) {
	for b.Loop() {
		count := 0
		for n := range benchHi {
			if isPrime(n) {
				count++
			}
		}
		if count != benchWant {
			b.Fatalf("counted %d primes, want %d", count, benchWant)
		}
	}
}

// BenchmarkCountPrimes times CountPrimes itself: however it shares the range
// out.
func BenchmarkCountPrimes(b *testing.B) {
	for b.Loop() {
		if got := primes.CountPrimes(0, benchHi, isPrime); got != benchWant {
			b.Fatalf("counted %d primes, want %d", got, benchWant)
		}
	}
}

// BenchmarkFourGoroutines shares the range out among four goroutines, each
// calling CountPrimes on a quarter. At -cpu 1 they are concurrent, all four
// in progress at once, but never parallel: one P runs one goroutine at a
// time, and the count takes as long as the plain loop.
func BenchmarkFourGoroutines(b *testing.B) {
	const quarters = 4
	for b.Loop() {
		var (
			wg     sync.WaitGroup
			counts [quarters]int
		)
		for q := range quarters {
			wg.Add(1)
			go func() {
				defer wg.Done()
				counts[q] = primes.CountPrimes(q*benchHi/quarters, (q+1)*benchHi/quarters, isPrime)
			}()
		}
		wg.Wait()
		if got := counts[0] + counts[1] + counts[2] + counts[3]; got != benchWant {
			b.Fatalf("counted %d primes, want %d", got, benchWant)
		}
	}
}
