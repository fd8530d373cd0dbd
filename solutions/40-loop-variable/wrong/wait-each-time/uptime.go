//go:build go1.21

// Kata 40, a tempting wrong fix: wait for each goroutine before the next
// iteration.
//
// wg.Wait right after the go statement keeps the loop from writing the next
// host until the goroutine has read this one, so the race is gone, and every
// host is pinged once. But the loop now waits for each ping in turn: the
// goroutines run one after another, and a status page with a hundred hosts
// takes a hundred timeouts to draw. The probe sees one ping at a time.
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
		go func() {
			defer wg.Done()
			results <- Status{Host: host, Up: ping(host)}
		}()
		wg.Wait()
	}
	close(results)

	statuses := make([]Status, 0, len(hosts))
	for s := range results {
		statuses = append(statuses, s)
	}
	return statuses
}
