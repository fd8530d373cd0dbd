//go:build unix

package runner

import (
	"os"
	"os/exec"
	"syscall"
)

// exeSuffix ends the test binary's name.
const exeSuffix = ""

// ownGroup starts the test binary in a process group of its own, whose id
// is the binary's pid. Anything the binary starts joins that group unless it
// leaves on purpose, so one signal to the group reaches the whole tree. The
// group is not the terminal's foreground group: Ctrl+C reaches the kata
// command only, which then kills the group through its context.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// killTree kills the binary's process group: kill(2) with a negative pid
// signals every member. SIGKILL, because a hung binary is past listening.
// A group's id is not given to a new process while any member lives, so the
// signal can only go astray if the whole group ended on its own and its id
// was reused in the instant between the bound expiring and the kill.
func killTree(p *os.Process) error {
	return syscall.Kill(-p.Pid, syscall.SIGKILL)
}
