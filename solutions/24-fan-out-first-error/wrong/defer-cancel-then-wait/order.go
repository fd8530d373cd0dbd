// Kata 24, a tempting wrong fix: a cancellable context, cancelled by `defer
// cancel()`, and a wg.Wait before the return.
//
// The deferred cancel runs only when SendOrder returns, and SendOrder now
// returns only once every upload has: the stalled uploads wait for the
// cancel, the cancel waits for them. Nothing cancels the context when the
// first upload fails, and the specs' watchdog reports SendOrder blocked.
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
			errs <- upload(ctx, p)
		}()
	}
	wg.Wait()
	close(errs)

	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
