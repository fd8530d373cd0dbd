// Kata 24, a tempting wrong fix: cancel the uploads, then wait for them, but
// for two seconds at most, so that an upload that never hangs up cannot
// hang the order.
//
// The longer sibling of wrong/bounded-wait-after-cancel: two seconds are
// an age for an upload to notice a cancel, so no quick test sees the
// difference. But SendOrder promises to return once every upload has
// returned, and the upload's contract (return soon after the cancel) is the
// only bound on that wait. An upload slower than the timer to hang up (a
// dead connection, a busy machine) is still running when SendOrder returns,
// and its goroutine, with the one waiting to close the channel, outlives
// the order.
package printorder

import (
	"context"
	"sync"
	"time"
)

// give stalled uploads this long to notice the cancel before giving up on them
const drainTimeout = 2 * time.Second

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
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
		close(errs)
	}()

	for err := range errs {
		if err != nil {
			cancel()
			select {
			case <-done:
			case <-time.After(drainTimeout):
			}
			return err
		}
	}
	return nil
}
