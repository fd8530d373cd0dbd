//go:build go1.21

// Kata 40, a tempting wrong fix: copy the loop variable inside the goroutine.
//
// `h := host` as the goroutine's first statement looks like the classic fix,
// but it runs on the new goroutine: it still reads the one loop variable,
// while the loop may already be writing the next host into it. The race is
// the same, one line later. The copy has to be made before the go statement,
// on the loop's goroutine.
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
			h := host
			defer wg.Done()
			results <- Status{Host: h, Up: ping(h)}
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
