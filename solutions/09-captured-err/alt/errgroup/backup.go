// Kata 09 · One error for every upload, a correct alternative:
// golang.org/x/sync/errgroup.
//
// The reference keeps one error slot per file and joins them. Here each
// upload runs in g.Go and returns its error; the group keeps the first
// non-nil one (under a sync.Once) and g.Wait returns it once every upload
// has returned, ordered after the write. Only the first failure is
// reported, which is all UploadAll promises. The group is made without a
// context, so one failure does not cancel the others: every file is still
// tried.
package backup

import (
	"fmt"

	"golang.org/x/sync/errgroup"
)

// UploadAll calls upload for every file in files, each call on a goroutine
// of its own, and returns once every call has returned. It returns nil if
// every upload succeeded. Otherwise its error names a file that failed and
// wraps the error upload returned for it (errors.Is finds that error).
func UploadAll(files []string, upload func(name string) error) error {
	var g errgroup.Group
	for _, name := range files {
		g.Go(func() error {
			if err := upload(name); err != nil {
				return fmt.Errorf("upload %s: %w", name, err)
			}
			return nil
		})
	}
	return g.Wait()
}
