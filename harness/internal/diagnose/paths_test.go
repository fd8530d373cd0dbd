package diagnose_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/onsi/ginkgo/v2/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekatas/racekatas/harness/internal/diagnose"
	"github.com/racekatas/racekatas/harness/internal/runner"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

// A checkout under a folder with spaces ("C:\Users\Ada Lovelace\…", "My
// Documents"), built with an overlay whose replacement also lives under
// spaces: the compiler's message is read, mapped back to the learner's
// file, and shows the line that was built. A real build.
func TestBuildErrorsUnderPathsWithSpaces(t *testing.T) {
	base := filepath.Join(t.TempDir(), "Ada Lovelace", "my katas")
	kata := filepath.Join(base, "katas", "01-x") // an import path: no spaces here
	repl := filepath.Join(t.TempDir(), "the fix", "k.go")
	for path, text := range map[string]string{
		filepath.Join(base, "go.mod"):    "module example.com/k\n\ngo 1.25\n",
		filepath.Join(kata, "k.go"):      "package k\n\nfunc N() int { return 1 }\n",
		filepath.Join(kata, "k_test.go"): "package k\n\nimport \"testing\"\n\nfunc TestN(t *testing.T) { _ = N() }\n",
		repl:                             "package k\n\nfunc N() int { return undefinedName }\n",
	} {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	}
	overlay := map[string]string{filepath.Join(kata, "k.go"): repl}
	b, err := runner.Compile(context.Background(), runner.Target{Root: base, Dir: kata, Overlay: overlay}, t.TempDir(), 0)
	require.NoError(t, err)
	require.True(t, b.Failed, b.Output)

	d := diagnose.Classify(diagnose.Input{Root: base, KataDir: kata, Overlay: overlay, Build: b})
	require.Equal(t, verdict.BuildError, d.Kind)
	require.NotEmpty(t, d.Problems, b.Output)
	assert.Equal(t, filepath.Join(kata, "k.go"), d.Problems[0].At.File, "the learner's file, not the copy that was built")
	assert.Equal(t, 3, d.Problems[0].At.Line)
	assert.Equal(t, "func N() int { return undefinedName }", d.Problems[0].At.Source)
	assert.Contains(t, d.Problems[0].Message, "undefinedName")
}

// Compiler messages as the go command prints them on Windows: a drive
// letter, backslashes, spaces.
func TestBuildErrorLinesWithADrive(t *testing.T) {
	out := "# example.com/k\n" +
		`C:\Users\Ada Lovelace\racekatas\katas\01-x\k.go:3:23: undefined: undefinedName` + "\n" +
		`katas\01-x\k.go:4:1: missing return` + "\n"
	d := diagnose.Classify(diagnose.Input{Root: "/r", KataDir: "/r/katas/01-x", Build: runner.Build{Failed: true, Output: out}})
	require.Len(t, d.Problems, 2)
	assert.Equal(t, 3, d.Problems[0].At.Line)
	assert.Equal(t, "undefined: undefinedName", d.Problems[0].Message)
	assert.Equal(t, 4, d.Problems[1].At.Line)
	assert.Equal(t, "missing return", d.Problems[1].Message)
}

// The harness's goroutine lines (DEADLOCK, LEAK, BUSY-WAIT) name files
// that may hold spaces and, on Windows, a drive's colon.
func TestBlockedLinesUnderPathsWithSpaces(t *testing.T) {
	kata := filepath.Join(t.TempDir(), "Ada Lovelace", "katas", "03-x")
	require.NoError(t, os.MkdirAll(kata, 0o755))
	file := filepath.Join(kata, "tickets.go")
	require.NoError(t, os.WriteFile(file, []byte("package tickets\n\nfunc Send(ch chan int) {\n\tch <- 1\n}\n"), 0o644))
	// Go prints paths with forward slashes on every system.
	slashed := filepath.ToSlash(file)
	msg := "DEADLOCK: the code did not return\n" +
		"  goroutine 23 [chan send] at " + slashed + ":4 in Send (started at " + slashed + ":3)\n"
	report, err := json.Marshal([]types.Report{{SpecReports: types.SpecReports{{
		LeafNodeType: types.NodeTypeIt, LeafNodeText: "sends", State: types.SpecStateFailed,
		Failure: types.Failure{Message: msg},
	}}}})
	require.NoError(t, err)
	d := diagnose.Classify(diagnose.Input{
		Root: filepath.Dir(filepath.Dir(kata)), KataDir: kata,
		Run: &runner.Run{Output: "FAIL\n", ExitCode: 1, Report: report},
	})
	require.Equal(t, verdict.Deadlock, d.Kind)
	require.Len(t, d.Blocked, 1)
	assert.Equal(t, file, d.Blocked[0].At.File)
	assert.Equal(t, 4, d.Blocked[0].At.Line)
	assert.Equal(t, "ch <- 1", d.Blocked[0].At.Source)
	assert.Equal(t, 3, d.Blocked[0].Started.Line)
}
