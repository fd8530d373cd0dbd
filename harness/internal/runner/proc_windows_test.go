//go:build windows

package runner

import (
	"os"
	"time"
)

// processGone reports whether pid has ended: the process cannot be opened
// any more, or waiting on it returns at once.
func processGone(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return true
	}
	done := make(chan struct{})
	go func() {
		_, _ = p.Wait()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-time.After(100 * time.Millisecond):
		_ = p.Release() // the Wait above keeps its own reference until the process ends
		return false
	}
}
