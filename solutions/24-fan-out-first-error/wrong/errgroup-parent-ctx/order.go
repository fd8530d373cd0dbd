// Kata 24, a tempting wrong fix: errgroup.WithContext, with its context
// given a new name and the uploads still handed the caller's ctx.
//
// It is tempting because it reads like the reference: the group, Go for each
// photo, Wait for the first error. But the group cancels only the context
// WithContext returned, and no upload was given that one: each got the
// caller's ctx, which nobody here cancels. A stalled upload never returns,
// so Wait never returns either.
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
func SendOrder(ctx context.Context, photos []string, upload func(ctx context.Context, photo string) error) error {
	g, groupCtx := errgroup.WithContext(ctx)
	_ = groupCtx // cancelled on the first error, but watched by nobody
	for _, p := range photos {
		g.Go(func() error { return upload(ctx, p) })
	}
	return g.Wait()
}
