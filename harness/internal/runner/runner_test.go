package runner

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// script writes an executable shell script standing in for a test binary.
func script(t *testing.T, body string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("a shell script stands in for the test binary")
	}
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

// Every overlay the runner hands the go command points outside the module:
// replacements read from inside it can fail to build with a stale module
// index (golang/go#69179), as 04's wrong/mutex-per-call once did.
func TestCompileOverlaysOnlyFilesOutsideTheModule(t *testing.T) {
	root := t.TempDir()
	write := func(rel, body string) string {
		path := filepath.Join(root, rel)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(body), 0o644))
		return path
	}
	write("go.mod", "module example.com/m\n\ngo 1.25\n")
	kata := write("kata/k.go", "package kata\n\nfunc N() int { return 1 }\n")
	write("kata/k_test.go", "package kata\n\nimport \"testing\"\n\nfunc TestN(t *testing.T) {\n\tif N() != 2 {\n\t\tt.Fatal(N())\n\t}\n}\n")
	repl := write("solutions/kata/k.go", "package kata\n\nimport \"maps\"\n\nvar _ = maps.Keys[map[int]int]\n\nfunc N() int { return 2 }\n")
	hidden := write("kata/extra.go", "package kata\n")

	out := t.TempDir()
	b, err := Compile(context.Background(), Target{
		Root: root, Dir: filepath.Dir(kata),
		Overlay: map[string]string{kata: repl, hidden: ""},
	}, out, 0)
	require.NoError(t, err)
	require.False(t, b.Failed, b.Output)

	data, err := os.ReadFile(filepath.Join(out, "overlay.json"))
	require.NoError(t, err)
	var ov struct{ Replace map[string]string }
	require.NoError(t, json.Unmarshal(data, &ov))
	require.Len(t, ov.Replace, 2)
	assert.Equal(t, "", ov.Replace[hidden], "a hidden file stays hidden")
	cp := ov.Replace[kata]
	rel, err := filepath.Rel(root, cp)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(rel, ".."), "overlay %s lies inside the module", cp)
	assert.Equal(t, repl, b.Copies[cp], "the copy maps back to its replacement")

	r, err := Execute(context.Background(), b.Binary, filepath.Dir(kata), out, 0)
	require.NoError(t, err)
	assert.Equal(t, 0, r.ExitCode, "the replacement, not the kata file, was built: %s", r.Output)
}

func TestStaleIndexIsOnlyTheIndexMessage(t *testing.T) {
	stale := "# example.com/m/kata\n./x.go:11:2: could not import maps (open : no such file or directory)\nFAIL\texample.com/m/kata [build failed]\n"
	assert.True(t, staleIndex(stale))
	assert.False(t, staleIndex(stale+"./x.go:12:2: undefined: y\n"), "a real error is the code's")
	assert.False(t, staleIndex("./x.go:12:2: undefined: y\n"))
	assert.False(t, staleIndex(""))
}
