// Kata 24, a tempting wrong fix: count the uploads still running in an
// atomic, cancel on the first error, and loop until the count is zero.
//
// It is tempting because every access is atomic, so the race detector is
// quiet, and SendOrder does wait for every upload and cancel the rest. But
// the wait is a loop that checks the count again and again: while a photo
// is still uploading, SendOrder burns a core doing nothing useful. A
// WaitGroup (or errgroup's Wait) parks the caller until the count reaches
// zero.
package printorder

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
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
		running atomic.Int64
		once    sync.Once
		first   error // written inside once, read after running reaches zero
	)
	running.Add(int64(len(photos)))
	for _, p := range photos {
		go func() {
			defer running.Add(-1)
			if err := upload(ctx, p); err != nil {
				once.Do(func() { first = err; cancel() })
			}
		}()
	}
	for running.Load() > 0 {
		runtime.Gosched()
	}
	return first
}
