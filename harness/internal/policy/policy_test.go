package policy_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekatas/racekatas/harness/internal/policy"
)

func write(t *testing.T, dir, name, src string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
	return p
}

func TestKataCodeMayUseTheStandardLibraryAndXSync(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "ok.go", `package k

import (
	"context"
	"net/http"
	"runtime"
	"sync"
	"golang.org/x/sync/errgroup"
)

//go:generate echo hi
`)
	assert.Empty(t, policy.Check(policy.KataFiles(dir, nil)))
}

func TestKataCodeMayNotReachIntoTheTestProcess(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.go", "package k\n\nimport (\n\t\"os\"\n\t\"os/exec\"\n\t\"github.com/onsi/gomega\"\n\t\"github.com/racekatas/racekatas/harness\"\n\t\"fmt\"\n)\n")
	write(t, dir, "b.go", "package k\n\nimport _ \"unsafe\"\n\n//go:linkname f testing.f\nfunc f()\n\n//go:norace\nfunc g() {}\n")
	write(t, dir, "c.go", "package k\n\n// #include <stdlib.h>\nimport \"C\"\n")
	write(t, dir, "exit_amd64.s", "TEXT ·f(SB),0,$0\n")
	write(t, dir, "a_test.go", "package k\n\nimport \"os\"\n") // specs may
	vs := policy.Check(policy.KataFiles(dir, nil))
	var got []string
	for _, v := range vs {
		got = append(got, filepath.Base(v.File)+":"+v.Text)
	}
	assert.Equal(t, []string{
		`a.go:"os"`, `a.go:"os/exec"`, `a.go:"github.com/onsi/gomega"`, `a.go:"github.com/racekatas/racekatas/harness"`,
		`b.go:import _ "unsafe"`, `b.go://go:linkname f testing.f`, `b.go://go:norace`,
		`c.go:import "C"`,
		`exit_amd64.s:`,
	}, got)
	assert.Contains(t, vs[0].Message, `import "os" is not allowed in a kata`)
	assert.Equal(t, 4, vs[0].Line)
}

func TestReplacementsAreReadAndHiddenFilesSkipped(t *testing.T) {
	kata, repl := t.TempDir(), t.TempDir()
	k := write(t, kata, "k.go", "package k\n")
	hidden := write(t, kata, "hidden.go", "package k\n\nimport \"os\"\n")
	r := write(t, repl, "k.go", "package k\n\nimport \"syscall\"\n")
	extra := write(t, repl, "extra.go", "package k\n\nimport \"flag\"\n")
	files := policy.KataFiles(kata, map[string]string{
		k: r, hidden: "", filepath.Join(kata, "extra.go"): extra,
	})
	vs := policy.Check(files)
	require.Len(t, vs, 2)
	assert.Equal(t, filepath.Join(kata, "extra.go"), vs[0].File, "named as the learner knows it")
	assert.Contains(t, vs[0].Message, `"flag"`)
	assert.Equal(t, k, vs[1].File)
	assert.Contains(t, vs[1].Message, `"syscall"`)
}

func TestAKataFileKeepsTheSolutionsBuildLine(t *testing.T) {
	ref := t.TempDir()
	kata := t.TempDir()
	write := func(dir, name, text string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
		return path
	}
	write(ref, "uptime.go", "//go:build go1.21\n\npackage uptime\n")
	write(ref, "other.go", "package uptime\n")
	kept := write(kata, "uptime.go", "//go:build go1.21\n\npackage uptime\n")
	dropped := write(kata, "dropped.go", "package uptime\n")
	write(ref, "dropped.go", "//go:build go1.21\n\npackage uptime\n")
	free := write(kata, "other.go", "//go:build !windows\n\npackage uptime\n")

	vs := policy.KeepConstraints([]policy.File{{Path: kept}, {Path: dropped}, {Path: free}}, ref)
	require.Len(t, vs, 1)
	assert.Equal(t, dropped, vs[0].File)
	assert.Contains(t, vs[0].Message, `keep the line "//go:build go1.21"`)
}
