//go:build go1.21

// Kata 40, a correct alternative: an errgroup, with the host passed as an
// argument to a function that makes the goroutine's closure.
//
// errgroup.Group's Go runs each ping on a goroutine of its own and Wait
// waits for them all, like the WaitGroup did (a ping cannot fail, so the
// error is always nil). The host reaches the goroutine through the parameter
// of check, which is evaluated in the loop: each call has its own host, and
// the closure it returns reads that one, not the loop's variable.
package uptime

import "golang.org/x/sync/errgroup"

// Status is what pinging one host found.
type Status struct {
	Host string
	Up   bool
}

// CheckAll pings every host, each on a goroutine of its own, and returns one
// Status per host, in the order the pings finished. ping may be called from
// several goroutines at once.
func CheckAll(hosts []string, ping func(host string) bool) []Status {
	results := make(chan Status, len(hosts)) // room for every result; closed after g.Wait
	check := func(host string) func() error {
		return func() error {
			results <- Status{Host: host, Up: ping(host)}
			return nil
		}
	}
	var g errgroup.Group
	for _, host := range hosts {
		g.Go(check(host))
	}
	_ = g.Wait()
	close(results)

	statuses := make([]Status, 0, len(hosts))
	for s := range results {
		statuses = append(statuses, s)
	}
	return statuses
}
