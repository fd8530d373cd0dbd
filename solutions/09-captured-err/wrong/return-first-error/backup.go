// Kata 09, a tempting wrong fix: send every result on a channel, and return
// as soon as an error arrives.
//
// Each goroutine sends its result on a channel with room for all of them,
// so no goroutine ever blocks and nothing is shared: no race. Why wait for
// the rest once the night has failed? Because UploadAll promises to return
// only once every upload has returned. The caller that gets the error goes
// on (retries, deletes the local copies, reports the night as failed) while
// the other uploads are still writing to the bucket. Keep receiving until
// every goroutine has answered, then report.
package backup

import (
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
	for range files {
		if err := <-results; err != nil {
			return err
		}
	}
	return nil
}
