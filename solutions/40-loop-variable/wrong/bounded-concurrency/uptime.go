//go:build go1.21

// Kata 40, a tempting wrong fix: give each iteration its own copy of the
// host, and cap the pings in flight at eight so that a long list cannot flood
// the network.
//
// The race is gone, and with eight hosts or fewer nothing else changes. But
// the kata asks for one goroutine per host, all running at once: with more
// hosts, the ninth ping starts only when one of the first eight has answered,
// and eight hosts that hang until the ping times out hold up all the rest.
package uptime

import "sync"

// Status is what pinging one host found.
type Status struct {
	Host string
	Up   bool
}

const maxInFlight = 8

func CheckAll(hosts []string, ping func(host string) bool) []Status {
	results := make(chan Status, len(hosts))
	sem := make(chan struct{}, maxInFlight)
	var wg sync.WaitGroup
	for _, host := range hosts {
		host := host // this iteration's own copy
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			results <- Status{Host: host, Up: ping(host)}
		}()
	}
	wg.Wait()
	close(results)

	statuses := make([]Status, 0, len(hosts))
	for s := range results {
		statuses = append(statuses, s)
	}
	return statuses
}
