// Kata 05, a tempting wrong fix: send the timings on a channel "bigger than
// any cluster we have", with a select/default so that no goroutine can ever
// block on it, and drain the channel once every goroutine is done.
//
// The channel does away with the race: each send and receive is ordered.
// But a buffer has a size and a cluster does not. Once the buffer is full
// (nobody drains it until wg.Wait returns) the 33rd send finds no room and
// takes the default branch: that server's timing is dropped without a word,
// and Latencies returns fewer timings than there are servers. A default
// branch on a send turns "wait" into "lose"; size the channel by the number
// of servers, or receive while the goroutines send.
package monitor

import (
	"slices"
	"sync"
	"time"
)

// maxServers is more servers than any cluster has, today.
const maxServers = 32

// Latencies pings every server with ping, each on a goroutine of its own,
// and returns the time each took to answer, one per server, fastest first.
// ping may be called from several goroutines at once.
func Latencies(servers []string, ping func(server string) time.Duration) []time.Duration {
	results := make(chan time.Duration, maxServers)
	var wg sync.WaitGroup
	for _, server := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case results <- ping(server):
			default: // never block a pinger
			}
		}()
	}
	wg.Wait()
	close(results)
	var timings []time.Duration
	for d := range results {
		timings = append(timings, d)
	}
	slices.Sort(timings)
	return timings
}
