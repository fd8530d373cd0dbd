// Kata 09, a tempting wrong fix: failures go on a channel with room for a
// few, read once every upload has returned.
//
// No goroutine writes a shared variable any more: each failure is a send,
// and the channel orders them. The buffer is sized for a bad minute, when
// the storage service fails a few files. But the channel is read only after
// wg.Wait, so nobody receives while the uploads run: on a night when more
// files fail than the buffer holds, the next failing goroutine waits for
// room forever, wg.Wait never returns, and neither does UploadAll. The room
// must be one slot per file (or the errors read while the uploads run).
package backup

import (
	"fmt"
	"sync"
)

// maxFailures is how many failures the buffer holds: "a bad minute".
const maxFailures = 3

// UploadAll calls upload for every file in files, each call on a goroutine
// of its own, and returns once every call has returned. It returns nil if
// every upload succeeded. Otherwise its error names a file that failed and
// wraps the error upload returned for it (errors.Is finds that error).
func UploadAll(files []string, upload func(name string) error) error {
	failures := make(chan error, maxFailures)
	var wg sync.WaitGroup
	for _, name := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if uerr := upload(name); uerr != nil {
				failures <- fmt.Errorf("upload %s: %w", name, uerr)
			}
		}()
	}
	wg.Wait()
	close(failures)
	return <-failures // nil if the channel is empty
}
