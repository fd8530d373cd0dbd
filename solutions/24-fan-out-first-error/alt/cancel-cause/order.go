// Kata 24 · The first error of a fan-out — a correct alternative: by hand,
// with context.WithCancelCause, a WaitGroup, and the cause as the first
// error.
//
// Why it is also correct: every upload gets the order's own context. The
// first failing upload cancels it with its error as the cause; a context
// keeps only the first cause, under its own lock, so two uploads failing at
// once cannot race. wg.Wait returns only after every upload has returned,
// and the cause is read after it: the failing upload's error, or nil if no
// upload failed (the deferred cancel has not run yet), or the caller's
// ctx's own cause if that ended first.
package printorder

import (
	"context"
	"sync"
)

// SendOrder uploads every photo with upload, each on a goroutine of its own,
// and returns the first error an upload returns, or nil once every photo is
// uploaded. The first error voids the order: the uploads still running are
// then cancelled through the context they were given, and SendOrder returns
// once every upload has returned.
//
// upload may be called from several goroutines at once. It must return soon
// after its ctx is cancelled.
func SendOrder(ctx context.Context, photos []string, upload func(ctx context.Context, photo string) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	var wg sync.WaitGroup
	for _, p := range photos {
		wg.Go(func() {
			if err := upload(ctx, p); err != nil {
				cancel(err) // only the first cause is kept
			}
		})
	}
	wg.Wait()
	return context.Cause(ctx) // read after every upload has returned
}
