// Kata 05 · Results appended from every goroutine
//
// An uptime monitor shows how fast a cluster answers: every minute it pings
// all of the cluster's servers at once and plots the response times, fastest
// first, on its dashboard. Each ping runs on a goroutine of its own, and each
// goroutine appends its timing to the same slice. append reads the slice,
// writes the new element and stores the slice back; goroutines that do this
// at the same time write into the same slot and store over each other's
// slice. Timings go missing, and `go test -race` reports a data race.
//
// Your job: make Latencies return one timing per server, every run.
// Keep the goroutine per server and keep the API; no time.Sleep.
package monitor

import (
	"slices"
	"sync"
	"time"
)

// Latencies pings every server with ping, each on a goroutine of its own,
// and returns the time each took to answer, one per server, fastest first.
// ping may be called from several goroutines at once.
func Latencies(servers []string, ping func(server string) time.Duration) []time.Duration {
	var timings []time.Duration
	var wg sync.WaitGroup
	for _, server := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// TODO: every goroutine appends to the one timings slice at
			// once. Give each goroutine a place of its own to write its
			// timing, or make the appends take turns.
			timings = append(timings, ping(server))
		}()
	}
	wg.Wait()
	slices.Sort(timings)
	return timings
}
