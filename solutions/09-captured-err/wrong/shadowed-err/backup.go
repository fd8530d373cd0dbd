// Kata 09, a tempting wrong fix: a local err per goroutine, by `:=`.
//
// `err :=` inside the goroutine declares a new err that shadows the outer
// one. The race is gone, because the goroutines no longer write the outer
// err, but then nobody does: every failure stays inside its goroutine, and
// UploadAll reports a night with failed uploads as a success. The local err
// needs a way out: a slot of its own in a slice the caller reads after Wait.
package backup

import (
	"fmt"
	"sync"
)

// UploadAll calls upload for every file in files, each call on a goroutine
// of its own, and returns once every call has returned. It returns nil if
// every upload succeeded. Otherwise its error names a file that failed and
// wraps the error upload returned for it (errors.Is finds that error).
func UploadAll(files []string, upload func(name string) error) error {
	var err error
	var wg sync.WaitGroup
	for _, name := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := upload(name) // its own err now, so no race
			if err != nil {
				err = fmt.Errorf("upload %s: %w", name, err)
			}
		}()
	}
	wg.Wait()
	return err
}
