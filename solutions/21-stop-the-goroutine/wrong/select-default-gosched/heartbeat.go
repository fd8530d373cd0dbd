// Kata 21, a tempting wrong fix: a select that looks at ctx.Done() and the
// ticker, with a default case that yields and looks again.
//
// It is tempting because it stops on time and leaks nothing: the loop sees
// the cancel within a scheduler round. But between pings the goroutine never
// parks: the default case makes every select return at once, so the loop
// runs without pause, for an hour if the period is an hour, burning a core
// per session. A select without default blocks until one case is ready; that
// is the wait this loop needs.
package heartbeat

import (
	"context"
	"runtime"
	"time"
)

// Heartbeat calls ping at once, then once every period, on a goroutine of its
// own, until ctx is cancelled. It returns at once. every must be positive.
func Heartbeat(ctx context.Context, every time.Duration, ping func()) {
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		ping()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				ping()
			default:
				runtime.Gosched()
			}
		}
	}()
}
