// Kata 21, a tempting wrong fix: stop the ticker when ctx is cancelled, so
// that `for range t.C` ends.
//
// It is tempting because a stopped ticker sends no more ticks, and it seems
// the loop over its channel must then end. It does not: Ticker.Stop never
// closes t.C (a close would make every waiting receiver see a false tick),
// so the goroutine stays parked on a channel nobody will ever send on or
// close. The pings stop, the goroutine does not: a leak.
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
		stop := context.AfterFunc(ctx, t.Stop)
		defer stop()
		ping()
		for range t.C {
			ping()
		}
	}()
}
