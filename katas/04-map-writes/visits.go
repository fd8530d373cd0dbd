// Kata 04 · A map written by every request
//
// A small web site shows its most visited pages on an admin dashboard. Serve
// handles each request on a goroutine of its own, as net/http does, and then
// records the visit in a Counter: a map from page to count. The dashboard
// reads the same map whenever the admin looks. A Go map is not safe for
// concurrent use: two requests writing it at once can corrupt it, and the
// runtime stops the program with "fatal error: concurrent map writes" when it
// notices, or `go test -race` reports the data race first.
//
// Your job: make Counter safe to use from many goroutines at once.
// Keep the goroutine per request in Serve and keep the API; no time.Sleep.
package visits

import (
	"maps"
	"sync"
)

// Counter counts visits per page. The zero value is an empty counter, ready
// to use.
type Counter struct {
	// TODO: Record writes pages on every request's goroutine while Count and
	// Snapshot read it on the dashboard's. Guard the map, the reads too,
	// with one lock.
	pages map[string]int // visits per page
}

// Record counts one visit to page.
func (c *Counter) Record(page string) {
	if c.pages == nil {
		c.pages = map[string]int{}
	}
	c.pages[page]++
}

// Count returns the number of visits recorded for page.
func (c *Counter) Count(page string) int {
	return c.pages[page]
}

// Snapshot returns the count of every page visited so far. The caller owns
// the map: it is a copy, not the counter's own.
func (c *Counter) Snapshot() map[string]int {
	return maps.Clone(c.pages)
}

// Serve handles every request received on requests on a goroutine of its
// own: it calls handle with the page asked for, then records the visit on c.
// It returns once requests is closed and every request has been handled and
// recorded.
func Serve(c *Counter, requests <-chan string, handle func(page string)) {
	var wg sync.WaitGroup
	for page := range requests {
		wg.Add(1)
		go func() {
			defer wg.Done()
			handle(page)
			c.Record(page)
		}()
	}
	wg.Wait()
}
