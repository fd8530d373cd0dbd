//go:build go1.21

// Kata 40, a tempting wrong fix: pass the host to the goroutine, by pointer.
//
// "Pass the value as an argument", says the advice, and this passes &host:
// the argument is evaluated in the loop, before the goroutine starts. But
// what is passed is the address of the loop's one host variable, which the
// loop writes the next host into; the goroutine still reads that variable,
// later, through the pointer. The same data race, one step removed.
package uptime

import "sync"

// Status is what pinging one host found.
type Status struct {
	Host string
	Up   bool
}

// CheckAll pings every host, each on a goroutine of its own, and returns one
// Status per host, in the order the pings finished. ping may be called from
// several goroutines at once.
func CheckAll(hosts []string, ping func(host string) bool) []Status {
	results := make(chan Status, len(hosts))
	var wg sync.WaitGroup
	for _, host := range hosts {
		wg.Add(1)
		go func(h *string) {
			defer wg.Done()
			results <- Status{Host: *h, Up: ping(*h)}
		}(&host)
	}
	wg.Wait()
	close(results)

	statuses := make([]Status, 0, len(hosts))
	for s := range results {
		statuses = append(statuses, s)
	}
	return statuses
}
