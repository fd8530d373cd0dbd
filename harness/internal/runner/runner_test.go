package runner

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// script writes an executable shell script standing in for a test binary.
func script(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "fake.test")
	require.NoError(t, os.WriteFile(path, []byte("#!/bin/sh\n"+body+"\n"), 0o755))
	return path
}

func TestExecuteKillsAHangingBinaryAndItsChildren(t *testing.T) {
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "child.pid")
	bin := script(t, "echo started\nsleep 600 &\necho $! > "+pidFile+"\nwait")
	r, err := Execute(context.Background(), bin, dir, dir, 300*time.Millisecond)
	require.NoError(t, err)
	assert.True(t, r.Killed)
	assert.Contains(t, r.Output, "started")

	// The child was in the same process group and was killed with it.
	data, err := os.ReadFile(pidFile)
	require.NoError(t, err)
	proc := "/proc/" + strings.TrimSpace(string(data))
	require.Eventually(t, func() bool {
		stat, err := os.ReadFile(proc + "/stat")
		// Gone, or a zombie waiting for its (dead) parent's reaper.
		return err != nil || strings.Contains(string(stat), ") Z ")
	}, 5*time.Second, 20*time.Millisecond, "the child outlived the kill")
}

func TestExecuteReportsExitCodeAndGinkgoReport(t *testing.T) {
	dir := t.TempDir()
	bin := script(t, `echo '[{"SuiteDescription":"x"}]' > "$`+ReportEnv+`"; echo "GORACE=$GORACE"; exit 3`)
	r, err := Execute(context.Background(), bin, dir, dir, 0)
	require.NoError(t, err)
	assert.False(t, r.Killed)
	assert.Equal(t, 3, r.ExitCode)
	assert.Contains(t, r.Output, "atexit_sleep_ms=0", "no 1 s sleep at exit")
	assert.JSONEq(t, `[{"SuiteDescription":"x"}]`, string(r.Report))
}

func TestCappedKeepsTheStartAndSaysWhatWasCut(t *testing.T) {
	c := &capped{max: 10}
	_, _ = c.Write([]byte("0123456"))
	_, _ = c.Write([]byte("789abcdef"))
	_, _ = c.Write([]byte("more"))
	assert.Equal(t, "0123456789\n[racekatas: 10 more bytes of output were cut]\n", c.String())
}

func TestExecuteBoundsHugeOutput(t *testing.T) {
	dir := t.TempDir()
	// About 12 MiB of output, three times the cap.
	bin := script(t, `head -c 12582912 /dev/zero | tr '\0' 'x'`)
	r, err := Execute(context.Background(), bin, dir, dir, 0)
	require.NoError(t, err)
	assert.True(t, r.Truncated)
	assert.Less(t, len(r.Output), MaxOutput+200)
}
