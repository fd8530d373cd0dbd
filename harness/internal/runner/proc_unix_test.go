//go:build unix

package runner

import (
	"os"
	"strconv"
	"strings"
	"syscall"
)

// processGone reports whether pid has ended: signal 0 finds no process, or
// (Linux) the process is a zombie that only waits for its reaper.
func processGone(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return true
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	return err == nil && strings.Contains(string(stat), ") Z ")
}
