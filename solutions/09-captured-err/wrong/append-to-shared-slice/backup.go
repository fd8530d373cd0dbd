// Kata 09, a tempting wrong fix: append every error to one slice.
//
// Keeping all the errors is the right idea, but the slice is as shared as err
// was: append reads the slice header (pointer, length, capacity), writes the
// element at the end and stores a new header, and several goroutines do that
// at once with nothing to order them. It is the same data race, and two
// failures can land in the same element, losing one. Pre-sizing the slice
// only saves it from being reallocated under a goroutine's feet.
package backup

import (
	"errors"
	"fmt"
	"sync"
)

// UploadAll calls upload for every file in files, each call on a goroutine
// of its own, and returns once every call has returned. It returns nil if
// every upload succeeded. Otherwise its error names a file that failed and
// wraps the error upload returned for it (errors.Is finds that error).
func UploadAll(files []string, upload func(name string) error) error {
	errs := make([]error, 0, len(files))
	var wg sync.WaitGroup
	for _, name := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := upload(name); err != nil {
				errs = append(errs, fmt.Errorf("upload %s: %w", name, err))
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}
