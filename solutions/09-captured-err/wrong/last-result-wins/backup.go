// Kata 09, a tempting wrong fix: a mutex around err, and every upload
// writes its result to it.
//
// The writes take turns, so the race is gone. But every goroutine stores
// what its upload returned, nil included: a success that finishes after a
// failure overwrites the failure with nil, and the night is reported as a
// success. Only failures may write, and once written an error must stay
// (or keep every error, one slot per file, and join them).
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
	var (
		mu  sync.Mutex // protects err
		err error
		wg  sync.WaitGroup
	)
	for _, name := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			uerr := upload(name)
			mu.Lock()
			defer mu.Unlock()
			if uerr != nil {
				err = fmt.Errorf("upload %s: %w", name, uerr)
			} else {
				err = nil
			}
		}()
	}
	wg.Wait()
	return err
}
