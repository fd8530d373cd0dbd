//go:build unix || windows

package runner

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// treeHelperEnv turns this test binary into a stand-in for a hung kata, on
// every system: "parent:FILE" starts a child copy, writes the child's pid to
// FILE and hangs; "child" just hangs. An init function, so that the copies
// never reach the tests (Execute passes -test.* flags, which the copies
// ignore).
const treeHelperEnv = "RACEKATAS_RUNNER_TREE_HELPER"

func init() {
	role, file, _ := strings.Cut(os.Getenv(treeHelperEnv), ":")
	switch role {
	case "parent":
		self, err := os.Executable()
		if err == nil {
			child := exec.Command(self)
			child.Env = append(os.Environ(), treeHelperEnv+"=child")
			if err = child.Start(); err == nil {
				err = os.WriteFile(file, []byte(strconv.Itoa(child.Process.Pid)), 0o644)
			}
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "tree helper:", err)
			os.Exit(3)
		}
		fmt.Println("started")
		time.Sleep(10 * time.Minute)
		os.Exit(0)
	case "child":
		time.Sleep(10 * time.Minute)
		os.Exit(0)
	}
}

func TestExecuteKillsTheWholeProcessTreeOnEverySystem(t *testing.T) {
	self, err := os.Executable()
	require.NoError(t, err)
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "child.pid")
	r, err := Execute(context.Background(), self, dir, dir, 2*time.Second, treeHelperEnv+"=parent:"+pidFile)
	require.NoError(t, err)
	require.True(t, r.Killed, "output: %s", r.Output)
	assert.Contains(t, r.Output, "started")

	data, err := os.ReadFile(pidFile)
	require.NoError(t, err, "the helper never started its child; output: %s", r.Output)
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	require.NoError(t, err)
	assert.Eventually(t, func() bool { return processGone(pid) }, 10*time.Second, 50*time.Millisecond,
		"the child (pid %d) outlived the kill", pid)
}
