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
// Your job: make the heartbeat stop as soon as its context is cancelled, even
// when the next ping is an hour away. Keep the goroutine in Heartbeat and
// keep the API; no time.Sleep.
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
		ping()
		// TODO: this loop waits for one thing only, the next tick, and
		// nothing in it looks at ctx. Let it wait for either.
		for range t.C {
			ping()
		}
	}()
}
