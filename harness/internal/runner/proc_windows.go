//go:build windows

package runner

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"
)

// exeSuffix ends the test binary's name, as go test names its own: with
// .exe, so that Windows (and a learner's antivirus) sees a program.
const exeSuffix = ".exe"

// ownGroup does nothing on Windows: a console has no process groups that a
// kill reaches. killTree finds the tree by parentage instead.
func ownGroup(*exec.Cmd) {}

// killTree ends the binary and every process it started, with
// `taskkill /T /F /PID pid`: /T walks the parent-child links down from pid,
// /F terminates without asking. It is what the system ships for the job and
// needs nothing beyond the standard library; a Job Object would also catch
// a grandchild whose parent has already exited, but creating and assigning
// one needs Win32 calls that package syscall lacks, and a kata's test
// binary starts no processes of its own.
//
// Why the pid names our binary: Windows reuses a pid only after every
// handle to the process is closed, and os/exec holds one until cmd.Wait
// returns. Execute calls killTree only when the binary has not finished, so
// the one unsafe moment is a binary that exits on its own in the instant
// its bound expires, and a new process given its pid before taskkill looks.
//
// The walk needs the binary alive (a dead parent's children are not found
// by its pid), so the tree goes first; if taskkill cannot run or finds
// nothing, the binary itself is terminated through the handle os/exec holds,
// which can never reach another process.
func killTree(p *os.Process) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	taskkill := "taskkill.exe"
	if root := os.Getenv("SystemRoot"); root != "" {
		// Not whatever taskkill comes first on the learner's PATH.
		taskkill = filepath.Join(root, "System32", "taskkill.exe")
	}
	if err := exec.CommandContext(ctx, taskkill, "/T", "/F", "/PID", strconv.Itoa(p.Pid)).Run(); err != nil {
		return p.Kill()
	}
	return nil
}
