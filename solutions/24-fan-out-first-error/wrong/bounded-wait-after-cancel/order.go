// Kata 24, a tempting wrong fix: cancel the uploads, then wait for them, but
// only for a while (100 ms), so that a stuck upload cannot hang the order.
//
// Tempting because every upload in a quick test notices the cancel within
// microseconds, and the bound looks like prudence. But an upload may take a
// while to hang up once cancelled, and then SendOrder returns while it still
// runs: its last steps are unordered with whatever the caller does next
// (RACE), and a program that returns with work still running is the leak
// this kata is about, only shorter. SendOrder promises to return once every
// upload has returned; the upload's contract (return soon after the cancel)
// is what bounds the wait, not a timer.
package printorder

import (
	"context"
	"sync"
	"time"
)

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
	finished := make(chan struct{})
	go func() {
		wg.Wait()
		close(finished)
	}()
	for range photos {
		if err := <-errs; err != nil {
			cancel()
			select {
			case <-finished:
			case <-time.After(100 * time.Millisecond): // do not hang on a stuck upload
			}
			return err
		}
	}
	return nil
}
