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
// Your job: make each goroutine ping the host of its own iteration. Keep the
// build constraint (it stands for a module you cannot upgrade today), one
// goroutine per host, and the API; no time.Sleep.
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
		// TODO: in this file there is one `host` for the whole loop, and the
		// loop writes the next host into it while this goroutine may still
		// be about to read it. Give each goroutine a host of its own.
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
