// Kata 09 · One error for every upload, a correct alternative: every
// goroutine sends its result on a channel, and UploadAll receives them all.
//
// The channel has room for every result, so no upload's goroutine ever
// waits on a send. UploadAll receives exactly len(files) results before it
// returns, so it returns only once every upload has returned (each send
// synchronizes before the receive that gets it), and only UploadAll's own
// goroutine ever holds the errors it keeps: nothing is shared. It keeps
// every failure and joins them.
package backup

import (
	"errors"
	"fmt"
)

// UploadAll calls upload for every file in files, each call on a goroutine
// of its own, and returns once every call has returned. It returns nil if
// every upload succeeded. Otherwise its error names a file that failed and
// wraps the error upload returned for it (errors.Is finds that error).
func UploadAll(files []string, upload func(name string) error) error {
	results := make(chan error, len(files))
	for _, name := range files {
		go func() {
			if err := upload(name); err != nil {
				results <- fmt.Errorf("upload %s: %w", name, err)
				return
			}
			results <- nil
		}()
	}
	var errs []error
	for range files {
		errs = append(errs, <-results)
	}
	return errors.Join(errs...)
}
