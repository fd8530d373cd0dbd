// Kata 21, a tempting wrong fix: check ctx.Err() between sleeps.
//
// The loop looks at ctx only when it wakes up. A cancel that comes during the
// sleep waits for the sleep to end: with a period of an hour, the goroutine
// outlives its session by up to an hour, and the leak check catches it.
package heartbeat

import (
	"context"
	"time"
)

// Heartbeat calls ping at once, then once every period, on a goroutine of its
// own, until ctx is cancelled. It returns at once. every must be positive.
func Heartbeat(ctx context.Context, every time.Duration, ping func()) {
	go func() {
		for ctx.Err() == nil {
			ping()
			time.Sleep(every)
		}
	}()
}
