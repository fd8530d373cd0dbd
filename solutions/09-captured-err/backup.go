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
// Solution: each goroutine gets a slot of its own, errs[i], for the error of
// files[i]. No two goroutines write the same memory, so there is nothing to
// order between them; wg.Wait orders every slot's write before the caller's
// reads; and errors.Join combines the failures into one error that wraps
// each of them, or returns nil when every slot is nil.
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
//
// This version reports every failure, in the order of files: errors.Is finds
// each of them. upload must be safe to call from several goroutines at once.
func UploadAll(files []string, upload func(name string) error) error {
	// errs[i] is written only by the goroutine for files[i], and read only
	// after wg.Wait. Elements of a slice are separate variables, so the
	// goroutines share no memory that one of them writes.
	errs := make([]error, len(files))
	var wg sync.WaitGroup // counts the uploads not yet returned
	for i, name := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := upload(name); err != nil {
				// A slot of its own, not a shared err. Appending to a
				// shared slice instead (the tempting way to keep them all)
				// is the same race as before: append reads and writes the
				// slice header that every goroutine shares. And `err :=`
				// inside the goroutine, with the outer err left in place,
				// only shadows it: the failure never leaves the goroutine
				// and the night is reported as a success.
				errs[i] = fmt.Errorf("upload %s: %w", name, err)
			}
		}()
	}
	// Each Done synchronizes before the return of the Wait it unblocks, so
	// every write to errs happens before errors.Join reads them.
	wg.Wait()
	// errors.Join skips nil errors and returns nil if all are nil.
	//
	// golang.org/x/sync/errgroup is the other good fix when the first
	// failure is enough: g.Go(func() error { ... return err }) on every file,
	// then `return g.Wait()`. The group keeps the first error under a
	// sync.Once and its Wait orders it before the return. But the closures
	// must return their errors: keeping `err = ...` inside g.Go still races.
	return errors.Join(errs...)
}
