// Kata 24, a tempting wrong fix: cancel the uploads, but do not wait for
// them.
//
// A context of SendOrder's own, cancelled by `defer cancel()`, does reach the
// stalled uploads, so nothing leaks for long. But SendOrder still returns on
// the first error without waiting, and the uploads stop only afterwards: the
// caller believes the order is over while its uploads are still running.
// Their last steps are unordered with whatever the caller does next (the
// specs close the lab), and the race detector reports it.
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
	go func() {
		wg.Wait()
		close(errs)
	}()

	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
