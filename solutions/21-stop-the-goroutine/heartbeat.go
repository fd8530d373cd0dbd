// Kata 21 · A heartbeat nobody can stop
//
// A chat server shows who is online. When a user connects, the handler starts
// a Heartbeat that pings the presence service at once and then every few
// seconds; when the user leaves, the handler cancels the session's context.
// The heartbeat never looks at that context. It goes on pinging for a user
// who left long ago, and every session the server ever opened leaves a
// goroutine and a ticker behind: a goroutine leak, which the check at the end
// of each spec reports as "LEAK:".
//
// Solution: between pings the goroutine waits in a select on two channels,
// ctx.Done() and the ticker's. Whichever is ready first wakes it, so cancel
// ends the wait at once, however far away the next tick is. The caller owns
// the goroutine's lifetime through ctx: cancelling it is the one way to stop
// the heartbeat, and the goroutine returns as soon as the ping in flight, if
// any, has returned.
package heartbeat

import (
	"context"
	"time"
)

// Heartbeat calls ping at once, then once every period, on a goroutine of its
// own, until ctx is cancelled. It returns at once. every must be positive.
//
// Who stops it: whoever cancels ctx. Once ctx is done the goroutine starts no
// new wait for a tick; a ping in flight is not interrupted, so ping must
// return for the heartbeat to stop. If a tick is due at the moment ctx is
// cancelled, select may take the tick first (it picks at random among ready
// cases) and ping once more before it sees ctx.Done().
func Heartbeat(ctx context.Context, every time.Duration, ping func()) {
	go func() {
		t := time.NewTicker(every)
		defer t.Stop() // the goroutine owns the ticker and stops it on its way out
		for {
			ping()
			// A wait on both channels, not a check then a wait. The
			// tempting fix, a sleep (or a <-t.C) with ctx.Err() tested in
			// between, sees the cancel only when the sleep ends: with a
			// period of an hour the goroutine lives on for up to an hour.
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}
