//go:build go1.21

// Kata 40 · One loop variable for every goroutine
//
// A status page shows which of the company's servers are up. CheckAll pings
// every host, each on a goroutine of its own, and reports what each ping
// found. This is old code: the build constraint on the first line makes the
// compiler treat this file as Go 1.21, just as it treats every file of a
// module whose go.mod still says go 1.21 or older. Until Go 1.22 a for loop
// had one loop variable for the whole loop, and every goroutine here reads
// that one variable while the loop writes the next host into it: a data race,
// which the race detector reports. On a bad day the page pings one host
// three times and another not at all, and shows a dead server as up.
//
// Solution: copy the loop variable on the loop's goroutine, in the body of
// each iteration, and let the goroutine use only the copy. `host := host`
// declares a new variable per iteration, which is what Go 1.22 does for
// every loop by itself; the copy is written before the go statement, and the
// go statement synchronizes before the goroutine starts, so the goroutine's
// reads are ordered after that one write and no later write touches it.
// Passing the host as an argument, `go func(host string) { ... }(host)`, is
// the same fix: arguments are evaluated on the caller's goroutine, before it
// starts the new one.
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
	results := make(chan Status, len(hosts)) // room for every result: no send waits; closed after wg.Wait
	var wg sync.WaitGroup                    // counts the pings in flight
	for _, host := range hosts {
		// One variable per iteration, written here, on the loop's
		// goroutine, before the go statement. The tempting alternative,
		// `h := host` as the goroutine's first line, still reads the shared
		// loop variable, only on the new goroutine, while the loop may be
		// writing the next host into it: the same race, one line later.
		host := host
		wg.Add(1)
		go func() {
			defer wg.Done()
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
