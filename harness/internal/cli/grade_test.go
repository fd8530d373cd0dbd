package cli_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekatas/racekatas/harness/internal/check"
	"github.com/racekatas/racekatas/harness/internal/cli"
	"github.com/racekatas/racekatas/harness/internal/diagnose"
	"github.com/racekatas/racekatas/harness/internal/manifest"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

// fakeGrade passes a kata whose Go file says "fixed"; otherwise it reports a
// race at the file's first line. It never builds anything.
func fakeGrade(_ context.Context, m *manifest.Manifest, k manifest.Kata, v check.Variant) (diagnose.Diagnosis, error) {
	dir := m.Dir(k)
	if v.Dir != "" {
		dir = v.Dir
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, _ := os.ReadFile(f)
		if strings.Contains(string(data), "fixed") {
			return diagnose.Diagnosis{Kind: verdict.Pass}, nil
		}
		at := diagnose.Location{File: filepath.Join(m.Dir(k), filepath.Base(f)), Line: 1, Source: "package x"}
		return diagnose.Diagnosis{Kind: verdict.Race, Races: []diagnose.Race{{Accesses: []diagnose.Access{
			{Op: "write", Goroutine: 7, At: at}, {Op: "read", Goroutine: 8, At: at, StartedBySpec: true},
		}}}}, nil
	}
	return diagnose.Diagnosis{Kind: verdict.BuildError, Message: "no Go files"}, nil
}

// gradeTree is a learner's tree with the given katas solved.
func gradeTree(t *testing.T, solved ...string) string {
	t.Helper()
	root := gitRepo(t) // records pristine sums
	for _, name := range solved {
		files, _ := filepath.Glob(filepath.Join(root, "katas", name, "*.go"))
		for _, f := range files {
			require.NoError(t, os.WriteFile(f, []byte("package x // fixed\n"), 0o644))
		}
	}
	return root
}

func runGrade(t *testing.T, root string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut strings.Builder
	code := cli.Main(append([]string{"grade"}, args...), cli.IO{
		Out: &out, Err: &errOut, Dir: root,
		Getenv:     func(k string) string { return env[k] },
		GradeCheck: fakeGrade,
	})
	clean := func(s string) string {
		s = strings.ReplaceAll(s, root, "$ROOT")
		// Times vary from run to run; the goldens keep their shape only.
		s = regexp.MustCompile(`timestamp="[^"]*"`).ReplaceAllString(s, `timestamp=""`)
		s = regexp.MustCompile(` time="[0-9.]+"`).ReplaceAllString(s, ` time="0.000"`)
		return regexp.MustCompile(`"seconds": [0-9.]+`).ReplaceAllString(s, `"seconds": 0`)
	}
	return code, clean(out.String()), clean(errOut.String())
}

func TestGradeFormats(t *testing.T) {
	trees := map[string][]string{
		"none": nil,
		"some": {"02-hot-counter"},
		"all":  {"01-shared-struct", "02-hot-counter", "03-unbuffered-send"},
	}
	for name, solved := range trees {
		t.Run(name, func(t *testing.T) {
			root := gradeTree(t, solved...)
			for _, format := range []string{"text", "markdown", "json", "junit", "classroom"} {
				code, out, errOut := runGrade(t, root, nil, "--format", format)
				if name == "all" {
					assert.Equal(t, cli.ExitOK, code, errOut)
				} else {
					assert.Equal(t, cli.ExitFailed, code, errOut)
				}
				if format == "classroom" {
					decoded, err := base64.StdEncoding.DecodeString(strings.TrimSpace(out))
					require.NoError(t, err)
					var pretty map[string]any
					require.NoError(t, json.Unmarshal(decoded, &pretty))
					for _, test := range pretty["tests"].([]any) {
						test.(map[string]any)["duration"] = 0
					}
					js, _ := json.MarshalIndent(pretty, "", "  ")
					out = string(js) + "\n"
				}
				golden(t, "grade-"+name+"."+format, out)
			}
		})
	}
}

func TestGradeWritesEveryOutputFromOneRun(t *testing.T) {
	root := gradeTree(t, "02-hot-counter")
	dir := t.TempDir()
	summary, junitFile, output := filepath.Join(dir, "summary.md"), filepath.Join(dir, "junit.xml"), filepath.Join(dir, "output")
	require.NoError(t, os.WriteFile(output, []byte("earlier=1\n"), 0o644))

	code, _, errOut := runGrade(t, root, map[string]string{"GITHUB_ACTIONS": "true"},
		"--summary", summary, "--junit", junitFile, "--classroom-output", output)
	assert.Equal(t, cli.ExitFailed, code)

	md, _ := os.ReadFile(summary)
	assert.Contains(t, string(md), "## racekatas: 1/3 points")
	xml, _ := os.ReadFile(junitFile)
	assert.Contains(t, string(xml), `<testsuite name="racekatas" tests="3" failures="2"`)
	gh, _ := os.ReadFile(output)
	assert.True(t, strings.HasPrefix(string(gh), "earlier=1\nresult="), "appends to GITHUB_OUTPUT")

	// In GitHub Actions the unsolved katas are annotated at their lines,
	// on stderr: stdout is the report's.
	assert.Contains(t, errOut, "::error file=katas/01-shared-struct/tracker.go,line=1,title=01-shared-struct RACE::RACE")
	assert.NotContains(t, errOut, "title=02-hot-counter")
}

// Machine formats stay parseable in GitHub Actions: annotations and warnings
// go to stderr.
func TestGradeKeepsMachineFormatsPureOnStdout(t *testing.T) {
	root := gradeTree(t, "02-hot-counter")
	env := map[string]string{"GITHUB_ACTIONS": "true"}
	_, out, errOut := runGrade(t, root, env, "--format", "json")
	var rep map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &rep), out)
	assert.Contains(t, errOut, "::error ")

	_, out, _ = runGrade(t, root, env, "--format", "classroom")
	_, err := base64.StdEncoding.DecodeString(strings.TrimSpace(out))
	require.NoError(t, err, out)

	_, out, _ = runGrade(t, root, env, "--format", "junit")
	assert.NotContains(t, out, "::error")
}

// A grading that cannot finish still gives Classroom a result: status
// error, the reason, no points out of the learner's manifest's total.
func TestGradeThatStopsWritesAnErrorResult(t *testing.T) {
	root := gradeTree(t)
	output, summary := filepath.Join(t.TempDir(), "output"), filepath.Join(t.TempDir(), "summary.md")
	code, out, _ := runGrade(t, root, nil, "--specs-from", t.TempDir(), "--classroom-output", output, "--format", "classroom", "--summary", summary)
	assert.Equal(t, cli.ExitUsage, code)
	md, _ := os.ReadFile(summary)
	assert.Contains(t, string(md), "## racekatas: grading stopped")
	gh, err := os.ReadFile(output)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(gh), "result="), string(gh))
	assert.Equal(t, strings.TrimSpace(out), strings.TrimSpace(strings.TrimPrefix(string(gh), "result=")), "stdout and the output file agree")
	decoded, err := base64.StdEncoding.DecodeString(strings.TrimSpace(out))
	require.NoError(t, err)
	var res struct {
		Status   string `json:"status"`
		MaxScore int    `json:"max_score"`
		Tests    []struct {
			Status, Message string
			Score           int
		} `json:"tests"`
	}
	require.NoError(t, json.Unmarshal(decoded, &res))
	assert.Equal(t, "error", res.Status)
	assert.Equal(t, 3, res.MaxScore)
	require.Len(t, res.Tests, 1)
	assert.Equal(t, "error", res.Tests[0].Status)
	assert.Contains(t, res.Tests[0].Message, "grading stopped: the pristine checkout")
}

func TestGradeWarnsAboutEditedSpecs(t *testing.T) {
	root := gradeTree(t)
	spec := filepath.Join(root, "katas/01-shared-struct/tracker_test.go")
	require.NoError(t, os.WriteFile(spec, []byte("package tracker_test\n"), 0o644))

	_, out, _ := runGrade(t, root, nil)
	assert.Contains(t, out, "warning: 01-shared-struct: katas/01-shared-struct/tracker_test.go differ from the pristine specs")
	_, _, errOut := runGrade(t, root, nil, "--format", "json")
	assert.Contains(t, errOut, "warning: 01-shared-struct")
}

func TestGradeScoresAMissingKataZero(t *testing.T) {
	root := gradeTree(t, "01-shared-struct", "02-hot-counter", "03-unbuffered-send")
	require.NoError(t, os.RemoveAll(filepath.Join(root, "katas/02-hot-counter")))
	code, out, _ := runGrade(t, root, nil, "--format", "json")
	assert.Equal(t, cli.ExitFailed, code)
	assert.Contains(t, out, `"problem": "the folder katas/02-hot-counter is missing"`)
	assert.Contains(t, out, `"points": 2`)
}

func TestGradeRefusesABrokenPristineTree(t *testing.T) {
	root := gradeTree(t)
	code, _, errOut := runGrade(t, root, nil, "--specs-from", t.TempDir())
	assert.Equal(t, cli.ExitUsage, code)
	assert.Contains(t, errOut, "cannot be used: no manifest at")
}

func TestGradeAgainstPristineSpecsIgnoresEditedSpecs(t *testing.T) {
	pristineRoot := gradeTree(t)
	learner := gradeTree(t, "02-hot-counter")
	// The learner "solves" 01 by emptying its spec: against the pristine
	// specs the learner's spec files are not even read.
	require.NoError(t, os.WriteFile(filepath.Join(learner, "katas/01-shared-struct/tracker_test.go"), []byte("package tracker_test\n"), 0o644))

	code, out, _ := runGrade(t, learner, nil, "--specs-from", pristineRoot)
	assert.Equal(t, cli.ExitFailed, code)
	assert.Contains(t, out, "Score: 1/3 points, 1 of 3 katas solved (graded against pristine specs)")
	assert.NotContains(t, out, "warning:", "no tamper warning: the edited spec was not used")
}

func TestGradeAgainstPristineSpecsNeedsNoLearnerManifest(t *testing.T) {
	pristineRoot := gradeTree(t)
	learner := gradeTree(t, "01-shared-struct")
	require.NoError(t, os.Remove(filepath.Join(learner, "katas/katas.toml")))
	code, out, errOut := runGrade(t, learner, nil, "--specs-from", pristineRoot)
	assert.Equal(t, cli.ExitFailed, code, errOut)
	assert.Contains(t, out, "Score: 1/3 points")
}
