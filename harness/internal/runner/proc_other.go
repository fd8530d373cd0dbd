//go:build !unix && !windows

package runner

import (
	"os"
	"os/exec"
)

// On systems with neither process groups nor taskkill (plan9; js and wasip1
// cannot start processes at all) only the binary itself is killed.
func ownGroup(*exec.Cmd) {}

func killTree(p *os.Process) error { return p.Kill() }

// exeSuffix ends the test binary's name.
const exeSuffix = ""
