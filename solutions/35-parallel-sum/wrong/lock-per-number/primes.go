// Kata 35, a tempting wrong fix: a goroutine per number, and a lock around
// each one's work.
//
// The goroutines all count into one variable, so each takes a mutex first,
// and holds it while it tests its number and counts it. The count is exact
// and the race detector is satisfied. But only the goroutine holding the lock
// does any work: the tests run one at a time, as before, now with a goroutine
// and a lock hand-over per number on top.
package primes

import "sync"

// CountPrimes returns how many numbers n with lo <= n < hi satisfy
// isPrime(n), calling isPrime once for each of them. If hi <= lo it returns 0.
// isPrime may be called from several goroutines at once.
func CountPrimes(lo, hi int, isPrime func(n int) bool) int {
	var (
		mu    sync.Mutex // protects count
		count int
		wg    sync.WaitGroup
	)
	for n := lo; n < hi; n++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			if isPrime(n) {
				count++
			}
		}()
	}
	wg.Wait()
	return count
}
