// Kata 24, a tempting wrong fix: cancel the uploads after the first error,
// wait for them all, and skip every context.Canceled as "an upload we
// stopped ourselves".
//
// It is tempting because it does keep the stopped uploads' Canceled from
// hiding the corrupt photo's error, and every upload has returned when
// SendOrder does. But SendOrder is not the only one who cancels: when the
// caller calls off the job, every upload ends with context.Canceled, all of
// them are skipped, and SendOrder returns nil: an order of which no photo
// was uploaded is reported as sent. Keep the error that voided the order
// (the first one, recorded before the cancel), not "every error but
// Canceled".
package printorder

import (
	"context"
	"errors"
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

	var first error
	for err := range errs {
		if err == nil || errors.Is(err, context.Canceled) {
			continue // an upload we stopped ourselves: not the reason the order failed
		}
		if first == nil {
			first = err
			cancel()
		}
	}
	// errs is closed: every upload has returned
	return first
}
