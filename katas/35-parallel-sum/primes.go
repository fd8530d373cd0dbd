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
// Your job: share the range out among runtime.GOMAXPROCS(0) goroutines that
// test their numbers at the same time, and add up their counts. Keep the
// count exact and the API; no time.Sleep.
package primes

// CountPrimes returns how many numbers n with lo <= n < hi satisfy
// isPrime(n), calling isPrime once for each of them. If hi <= lo it returns 0.
// isPrime may be called from several goroutines at once.
func CountPrimes(lo, hi int, isPrime func(n int) bool) int {
	count := 0
	// TODO: one goroutine tests every number while the other cores wait.
	// How many goroutines can the runtime run at once, and how would you
	// give each its own share of the range and its own count?
	for n := lo; n < hi; n++ {
		if isPrime(n) {
			count++
		}
	}
	return count
}
