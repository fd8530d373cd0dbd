package grade_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekatas/racekatas/harness/internal/check"
	"github.com/racekatas/racekatas/harness/internal/grade"
	"github.com/racekatas/racekatas/harness/internal/manifest"
	"github.com/racekatas/racekatas/harness/internal/pristine"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

// kata06 is a racekatas module holding kata 06 only: a wrong-result kata, so
// that silencing Gomega would be enough to pass it.
func kata06(t *testing.T) string {
	t.Helper()
	repo, err := filepath.Abs("../../..")
	require.NoError(t, err)
	root := t.TempDir()
	copyTree(t, repo, root, "go.mod", "go.sum", "harness", "harness/internal/stack",
		"katas/06-seats-oversold", "solutions/06-seats-oversold")
	toml := `[[kata]]
name = "06-seats-oversold"
title = "More tickets than seats"
chapter = "Shared memory"
expect = "wrong-result"
hints = ["one", "two"]
`
	require.NoError(t, os.WriteFile(filepath.Join(root, "katas/katas.toml"), []byte(toml), 0o644))
	sums, err := pristine.Compute(root, []string{"06-seats-oversold"})
	require.NoError(t, err)
	require.NoError(t, sums.Write(root))
	return root
}

const kata06Dir = "katas/06-seats-oversold"

// cheats are one-line ways to pass kata 06 without fixing it: each is a
// non-test Go file added to the kata's folder, the bug left in place.
var cheats = map[string]string{
	// The process ends with status 0 before any spec runs.
	"exit-zero-in-init": `package boxoffice

import "os"

func init() { os.Exit(0) }
`,
	// A setup node registered from the learner's file skips every spec.
	"skip-every-spec": `package boxoffice

import "github.com/onsi/ginkgo/v2"

var _ = ginkgo.BeforeEach(func() { ginkgo.Skip("not today") })
`,
	// The test binary's arguments are changed so that no test runs...
	"no-test-runs": `package boxoffice

import "os"

func init() { os.Args = append(os.Args, "-test.run=XXX") }
`,
	// ... or no spec...
	"focus-on-nothing": `package boxoffice

import "os"

func init() { os.Args = append(os.Args, "-ginkgo.focus=nothing matches this") }
`,
	// ... or every spec is only listed.
	"dry-run": `package boxoffice

import "os"

func init() { os.Args = append(os.Args, "-ginkgo.dry-run") }
`,
	// Our own: the same through package flag, once Ginkgo has defined it.
	"flag-set-in-a-setup-node": `package boxoffice

import "flag"

var _ = func() int { _ = flag.Set("test.run", "XXX"); return 0 }()
`,
	// Gomega's fail handler is replaced: no expectation can fail.
	"silence-gomega": `package boxoffice

import (
	"github.com/onsi/ginkgo/v2"
	"github.com/onsi/gomega"
)

var _ = ginkgo.BeforeEach(func() { gomega.RegisterFailHandler(func(string, ...int) {}) })
`,
	// A forged Classroom result written before the grader's own.
	"forge-github-output": `package boxoffice

import "os"

func init() {
	if f, err := os.OpenFile(os.Getenv("GITHUB_OUTPUT"), os.O_APPEND|os.O_WRONLY, 0); err == nil {
		f.WriteString("result=Zm9yZ2Vk\n")
		f.Close()
	}
}
`,
	// Our own: cgo, whose constructor ends the process before Go starts.
	"cgo-constructor-exit": `package boxoffice

/*
#include <stdlib.h>
__attribute__((constructor)) static void quit(void) { exit(0); }
*/
import "C"
`,
	// Our own: linkname into the test framework, no import of it.
	"linkname-into-testing": `package boxoffice

import _ "unsafe"

//go:linkname matchString testing.matchString
func matchString(pat, str string) (bool, error)
`,
	// Our own: the environment, read through the standard library's
	// syscall package rather than os.
	"syscall-exit": `package boxoffice

import "syscall"

func init() { syscall.Exit(0) }
`,
}

// Every cheat scores 0 against pristine specs, and check never calls it a
// pass. The policy refuses each before anything is built, so this costs no
// build; TestCheatsInSpecFilesAreCaughtByTheSpecList runs the same cheats.
func TestOneLineCheatsScoreNothing(t *testing.T) {
	upstream := kata06(t)
	for name, src := range cheats {
		t.Run(name, func(t *testing.T) {
			learner := kata06(t)
			require.NoError(t, os.WriteFile(filepath.Join(learner, kata06Dir, "cheat.go"), []byte(src), 0o644))
			out := filepath.Join(t.TempDir(), "github_output")
			require.NoError(t, os.WriteFile(out, nil, 0o644))
			t.Setenv("GITHUB_OUTPUT", out)

			rep, err := grade.Grade(context.Background(), grade.Options{Learner: learner, SpecsFrom: upstream})
			require.NoError(t, err)
			require.Len(t, rep.Results, 1)
			r := rep.Results[0]
			assert.Equal(t, 0, rep.Points)
			assert.NotEqual(t, verdict.Pass, r.Verdict)
			assert.Equal(t, verdict.BuildError, r.Verdict, "refused before it runs")
			assert.Contains(t, r.Diagnosis.Problems[0].At.File, "cheat.go")

			d := checkAsIs(t, learner)
			assert.Equal(t, verdict.BuildError, d.Kind, "check refuses it too")

			written, _ := os.ReadFile(out)
			assert.Empty(t, string(written), "nothing reached GITHUB_OUTPUT")
		})
	}
}

func checkAsIs(t *testing.T, root string) diagnoseResult {
	t.Helper()
	m, err := manifest.Load(root)
	require.NoError(t, err)
	d, err := check.Diagnose(context.Background(), m, m.Katas[0], check.KataVariant, check.Options{})
	require.NoError(t, err)
	return diagnoseResult{Kind: d.Kind, Message: d.Message, Spec: d.Spec}
}

type diagnoseResult struct {
	Kind    verdict.Kind
	Message string
	Spec    string
}

// Our own cheat that the policy allows: runtime.Goexit in the code under
// test ends the spec's goroutine before its expectations run. Ginkgo must
// not count that spec as passed. This test builds and runs the kata.
func TestGoexitInTheCodeUnderTestDoesNotPass(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a kata under the race detector")
	}
	upstream := kata06(t)
	learner := kata06(t)
	file := filepath.Join(learner, kata06Dir, "boxoffice.go")
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	src := strings.Replace(string(data), `import "sync/atomic"`, "import (\n\t\"runtime\"\n\t\"sync/atomic\"\n)", 1)
	src = strings.Replace(src, "func (o *BoxOffice) Sell() (Ticket, bool) {", "func (o *BoxOffice) Sell() (Ticket, bool) {\n\truntime.Goexit()", 1)
	src = strings.Replace(src, "func (o *BoxOffice) Sold() int {", "func (o *BoxOffice) Sold() int {\n\truntime.Goexit()", 1)
	require.NoError(t, os.WriteFile(file, []byte(src), 0o644))

	rep, err := grade.Grade(context.Background(), grade.Options{Learner: learner, SpecsFrom: upstream})
	require.NoError(t, err)
	assert.Equal(t, 0, rep.Points)
	assert.NotEqual(t, verdict.Pass, rep.Results[0].Verdict, rep.Results[0].Diagnosis.Message)
	t.Log(rep.Results[0].Verdict, ": ", rep.Results[0].Diagnosis.Message)
}

// The same cheats placed in a spec file the learner adds are outside the
// policy (specs may use Ginkgo and os); grading against pristine specs never
// reads them, and check, which builds them, must still not call the kata
// solved: the spec list, learned from a dry run, shows what did not run.
// The kata's code is the real fix here, so only the cheat stands between
// the run and a pass. This test builds and runs the kata.
func TestCheatsInSpecFilesAreCaughtByTheSpecList(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a kata under the race detector")
	}
	specCheats := map[string]string{
		"skip-every-spec": `package boxoffice_test

import . "github.com/onsi/ginkgo/v2"

var _ = BeforeEach(func() { Skip("not today") })
`,
		"dry-run": `package boxoffice_test

import "os"

func init() { os.Args = append(os.Args, "-ginkgo.dry-run") }
`,
		"focus-on-nothing": `package boxoffice_test

import "os"

func init() { os.Args = append(os.Args, "-ginkgo.focus=nothing matches this") }
`,
		"exit-zero-in-init": `package boxoffice_test

import "os"

func init() { os.Exit(0) }
`,
	}
	specCheats["none, the control"] = ""
	for name, src := range specCheats {
		t.Run(name, func(t *testing.T) {
			learner := kata06(t)
			sol, err := os.ReadFile(filepath.Join(learner, "solutions/06-seats-oversold/boxoffice.go"))
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(learner, kata06Dir, "boxoffice.go"), sol, 0o644))
			if src == "" {
				assert.Equal(t, verdict.Pass, checkAsIs(t, learner).Kind, "the fix alone passes")
				return
			}
			require.NoError(t, os.WriteFile(filepath.Join(learner, kata06Dir, "zz_cheat_test.go"), []byte(src), 0o644))
			d := checkAsIs(t, learner)
			assert.Equal(t, verdict.WrongResult, d.Kind, d.Message)
			t.Log(d.Message)
		})
	}
}
