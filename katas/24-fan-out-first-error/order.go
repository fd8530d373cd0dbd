// Kata 24 · The first error that stops nobody
//
// A print shop sends each customer's order to the lab before printing it:
// SendOrder uploads every photo of the order at the same time, one goroutine
// per photo. One corrupt photo voids the whole order, so SendOrder returns
// the first error at once. But the uploads still under way are never told:
// they were all handed ctx, which nobody cancels. An upload stalled on a
// dead connection waits for that context forever, and every failed order
// leaves its uploads behind: a goroutine leak, which the check at the end of
// each spec reports as "LEAK:".
//
// Your job: when one upload fails, stop the others, and return only once
// every upload has returned. Keep one goroutine per photo and keep the API;
// no time.Sleep.
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

	// TODO: the first error ends the order here, and SendOrder walks away.
	// What tells the uploads still running that the order is void? Each was
	// handed the caller's ctx, which nobody here can cancel, and nobody
	// waits for them to return.
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
