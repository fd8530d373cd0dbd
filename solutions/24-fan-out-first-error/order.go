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
// Solution: golang.org/x/sync/errgroup.WithContext. It derives from ctx a
// context of the group's own, hands it to every upload, and cancels it as
// soon as one upload returns an error. Wait returns only once every upload
// has returned, and then returns that first error. Cancelling tells the
// uploads to stop; waiting makes sure they have.
package printorder

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// SendOrder uploads every photo with upload, each on a goroutine of its own,
// and returns the first error an upload returns, or nil once every photo is
// uploaded. The first error voids the order: the uploads still running are
// then cancelled through the context they were given, and SendOrder returns
// once every upload has returned.
//
// upload may be called from several goroutines at once. It must return soon
// after its ctx is cancelled.
//
// The uploads see ctx.Done() closed after the first error, when the
// caller's ctx is done, or once SendOrder has returned, whichever comes
// first; the error SendOrder returns is never the resulting context.Canceled
// of an upload that was stopped, but the error that stopped it.
func SendOrder(ctx context.Context, photos []string, upload func(ctx context.Context, photo string) error) error {
	// The group's context is a child of the caller's: it is cancelled when
	// the first upload fails, when Wait returns, or when ctx is. Shadowing
	// ctx is deliberate: from here on no upload can be handed the parent by
	// mistake, and a parent that is never cancelled (context.Background,
	// say) would never stop them.
	g, ctx := errgroup.WithContext(ctx)
	for _, p := range photos {
		// g.Go starts the goroutine and counts it, as wg.Add(1) and a
		// deferred wg.Done() would. Every g.Go happens before Wait, as
		// errgroup requires.
		g.Go(func() error { return upload(ctx, p) })
	}
	// Wait returns once every upload has returned, so none of them outlives
	// the order, and its return happens after every one of them. It returns
	// the first non-nil error, the one that cancelled the group's context.
	//
	// Cancelling alone is the tempting half fix: return on the first error
	// with a `defer cancel()` and the stalled uploads do stop, but only after
	// SendOrder has returned, while the caller already believes the order
	// is over (wrong/cancel-without-wait). A plain errgroup.Group, without
	// WithContext, waits for every upload but cancels nothing: the stalled
	// ones never return (wrong/errgroup-without-context).
	//
	// The same can be written by hand: context.WithCancel, a WaitGroup, and
	// the first error kept under a sync.Once or a mutex, with cancel called
	// by the goroutine that records it and wg.Wait before the return.
	return g.Wait()
}
