// Kata 24, a tempting wrong fix: a cancellable child context, a WaitGroup,
// and the first error kept in a plain variable that the failing upload's
// goroutine fills in.
//
// It is tempting because it does everything the order needs: the first
// failure cancels the others, wg.Wait waits for them all, and the error is
// read only after wg.Wait, which orders that read after every write. But
// two uploads can fail at once, and their goroutines then read and write
// first with nothing ordering one against the other: a data race, and with
// it the chance that the error kept is neither the first nor whole. An order
// with a single bad photo never shows it; two bad photos do.
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

	var (
		wg    sync.WaitGroup
		first error
	)
	for _, p := range photos {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := upload(ctx, p); err != nil {
				if first == nil {
					first = err
				}
				cancel()
			}
		}()
	}
	wg.Wait()
	return first
}
