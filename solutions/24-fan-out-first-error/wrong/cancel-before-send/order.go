// Kata 24, a tempting wrong fix: cancel first, report the error after.
//
// Each upload that fails cancels the others at once and then puts its error
// on a channel that SendOrder drains after waiting for them all: it stops the
// stalled uploads and waits for them, and it looks as if the corrupt photo's
// error must come first. But cancel wakes the stalled uploads before the
// failing goroutine's send, and any of them can put its context.Canceled on
// the channel first: SendOrder then blames the cancel it made itself, not the
// corrupt photo. The error that voids the order must be recorded before the
// cancel that it causes.
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
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make(chan error, len(photos))
	var wg sync.WaitGroup
	for _, p := range photos {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := upload(ctx, p); err != nil {
				cancel() // void the order at once
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs // the first error, or nil if there was none
}
