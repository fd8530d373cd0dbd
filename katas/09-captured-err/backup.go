// Kata 09 · One error for every upload
//
// Every night a backup agent copies the day's files to cloud storage. It
// uploads them all at once, one goroutine per file, and marks the night as
// failed if any upload failed. Each goroutine that fails stores its error in
// err, the one variable UploadAll returns. When two uploads fail at once, two
// goroutines write that variable with nothing to order the writes: a data
// race, which `go test -race` reports. The report may name either failure,
// and nothing in the program says which.
//
// Your job: make UploadAll report a failed night without having its
// goroutines write a variable they share. Keep one goroutine per file and
// keep the API; no time.Sleep.
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
			if uerr := upload(name); uerr != nil {
				// TODO: every goroutine that fails writes this same err,
				// and several can fail at once. Give each goroutine a place
				// of its own for its error, and combine them once all are in.
				err = fmt.Errorf("upload %s: %w", name, uerr)
			}
		}()
	}
	wg.Wait()
	return err
}
