// Kata 02, a tempting wrong fix: serve the requests one after another.
//
// With one goroutine doing every Inc, no two hits collide any more. But the
// status page still reads n on a goroutine of its own while the batch is
// served, and nothing orders that read against the writes: still a race.
// And the batch now takes as long as all its pages put together.
package hits

// Counter counts page hits. The zero value is a counter at zero, ready to use.
type Counter struct {
	n int64
}

// Inc counts one hit.
func (c *Counter) Inc() {
	c.n++
}

// Value returns the number of hits counted so far.
func (c *Counter) Value() int64 {
	return c.n
}

// ServeBatch serves every path in paths, calling serve for it and then
// counting the hit on c. It returns once every request has been served and
// counted.
func ServeBatch(c *Counter, paths []string, serve func(path string)) {
	for _, p := range paths {
		serve(p)
		c.Inc()
	}
}
