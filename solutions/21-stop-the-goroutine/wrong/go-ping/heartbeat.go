// Kata 21, a tempting wrong fix: the loop selects on ctx.Done() and the tick,
// but starts every ping on a goroutine of its own that nobody waits for.
//
// Tempting because a slow presence service then never delays the beat. But
// while one ping hangs, every tick starts another: pings pile up on a service
// that is already slow, one goroutine each, and those still running (or one
// started just before the cancel) outlive the heartbeat that started them.
// The spec with a ping slower than the period sees a second ping begin
// before the first has returned.
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
		go ping()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				go ping() // a slow ping must not delay the beat
			}
		}
	}()
}
