// Kata 21, a tempting wrong fix: wake up every 50 ms on a second ticker and
// look at ctx.Err() then.
//
// It is tempting because it works for an hour-long period too: the goroutine
// no longer sleeps until the next tick, and within 50 ms of the cancel it
// notices and returns, so a leak check that waits half a second finds
// nothing. But a poll is a check made when a timer says so, not a wait for
// the cancel: after cancel the goroutine lives on until the poll ticker next
// fires (later still on a busy machine), and a tick that falls due in that
// window is taken first, pinging the presence service for a user who has
// already left. The heartbeat must stop as soon as ctx is cancelled: wait
// for ctx.Done() in the same select as the tick.
package heartbeat

import (
	"context"
	"time"
)

const pollEvery = 50 * time.Millisecond

// Heartbeat calls ping at once, then once every period, on a goroutine of its
// own, until ctx is cancelled. It returns at once. every must be positive.
func Heartbeat(ctx context.Context, every time.Duration, ping func()) {
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		ping()
		poll := time.NewTicker(pollEvery)
		defer poll.Stop()
		for {
			select {
			case <-t.C:
				ping()
			case <-poll.C:
				// wake up regularly so that a cancelled session is noticed
			}
			if ctx.Err() != nil {
				return
			}
		}
	}()
}
