// Kata 21, a tempting wrong fix: a stopped flag, set when ctx is cancelled.
//
// context.AfterFunc runs its function on a goroutine of its own, and nothing
// orders that goroutine's write of stopped with the heartbeat's reads of it:
// a data race, which the race detector reports as soon as the loop reads the
// flag after the write. The loop also reads it only once per tick, so with a
// long period it leaks as well.
package heartbeat

import (
	"context"
	"time"
)

// Heartbeat calls ping at once, then once every period, on a goroutine of its
// own, until ctx is cancelled. It returns at once. every must be positive.
func Heartbeat(ctx context.Context, every time.Duration, ping func()) {
	stopped := false
	context.AfterFunc(ctx, func() { stopped = true })
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for !stopped {
			ping()
			<-t.C
		}
	}()
}
