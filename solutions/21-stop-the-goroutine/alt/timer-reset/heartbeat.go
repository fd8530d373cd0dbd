// Kata 21 · A heartbeat nobody can stop — a correct alternative: a timer
// armed again after every ping, instead of a ticker.
//
// Why it is also correct: the goroutine still waits in a select on
// ctx.Done() and the timer's channel at once, so a cancel wakes it however
// far away the next ping is, and it returns. The timer is reset only after
// its tick was received (since Go 1.23 Reset also discards a stale tick), and
// stopped on the way out. The difference from the reference is the spacing:
// a ticker keeps a fixed rhythm even when a ping is slow, this one waits a
// full period after each ping returns.
package heartbeat

import (
	"context"
	"time"
)

// Heartbeat calls ping at once, then once every period, on a goroutine of its
// own, until ctx is cancelled. It returns at once. every must be positive.
func Heartbeat(ctx context.Context, every time.Duration, ping func()) {
	go func() {
		next := time.NewTimer(every)
		defer next.Stop()
		for {
			ping()
			select {
			case <-ctx.Done():
				return
			case <-next.C:
				next.Reset(every)
			}
		}
	}()
}
