// Kata 09, a tempting wrong fix: errgroup, with the shared err kept.
//
// The uploads now run under an errgroup.Group, but each closure still writes
// the outer err and returns nil. The group never sees an error, so it has
// nothing to order: two failing closures write err at once, the same data
// race as before. errgroup fixes the race only when the closures hand their
// errors to the group by returning them, and the caller takes g.Wait's.
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
	var err error
	var g errgroup.Group
	for _, name := range files {
		g.Go(func() error {
			if uerr := upload(name); uerr != nil {
				err = fmt.Errorf("upload %s: %w", name, uerr)
			}
			return nil
		})
	}
	_ = g.Wait() // always nil: the closures never return an error
	return err
}
