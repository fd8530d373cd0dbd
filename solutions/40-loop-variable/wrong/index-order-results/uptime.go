//go:build go1.21

// Kata 40, a tempting wrong fix: pass each goroutine its index, and have it
// write its own slot of the result slice.
//
// Every goroutine gets its own host, no slot is written twice, and the race is
// gone. But CheckAll promises the statuses in the order the pings finished,
// and this reports them in the order of the hosts: a db-2 that answers before
// a slow db-1 is still reported second.
package uptime

import "sync"

// Status is what pinging one host found.
type Status struct {
	Host string
	Up   bool
}

func CheckAll(hosts []string, ping func(host string) bool) []Status {
	statuses := make([]Status, len(hosts))
	var wg sync.WaitGroup
	for i := range hosts {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			statuses[i] = Status{Host: hosts[i], Up: ping(hosts[i])}
		}(i)
	}
	wg.Wait()
	return statuses
}
