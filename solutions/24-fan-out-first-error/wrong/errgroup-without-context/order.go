// Kata 24, a tempting wrong fix: an errgroup.Group, without WithContext.
//
// Wait does return the first error, and only once every upload has
// returned. But a zero Group cancels nothing: the uploads are still handed
// the caller's ctx, which is never cancelled, so a stalled upload never
// returns and Wait waits for it forever. The specs' watchdog reports
// SendOrder blocked.
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
	var g errgroup.Group
	for _, p := range photos {
		g.Go(func() error { return upload(ctx, p) })
	}
	return g.Wait()
}
