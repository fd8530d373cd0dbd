// Kata 21, a tempting wrong fix: look at ctx.Done() with a select and a
// default, then wait for the tick.
//
// A select with a default case never waits: it is a check, made once per
// tick. The goroutine then blocks on the ticker alone, so a cancel that comes
// while it waits is seen only at the next tick, up to a whole period late.
package heartbeat

import (
	"context"
	"time"
)

// Heartbeat calls ping at once, then once every period, on a goroutine of its
// own, until ctx is cancelled. It returns at once. every must be positive.
func Heartbeat(ctx context.Context, every time.Duration, ping func()) {
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			default:
			}
			ping()
			<-t.C
		}
	}()
}
