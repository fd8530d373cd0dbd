package scaffold_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// racekatasRoot is the checkout these tests run in.
func racekatasRoot(t *testing.T) string {
	_, file, _, ok := runtime.Caller(0)
	require.True(t, ok)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", "..", ".."))
}

// course is a kata set in a repository of its own, as an instructor keeps
// one: its own module that requires racekatas (here replaced by this
// checkout) and runs the CLI as a go.mod tool.
type course struct {
	t   *testing.T
	dir string
}

func newCourse(t *testing.T) *course {
	root := racekatasRoot(t)
	dir := t.TempDir()
	gomod := "module example.com/course\n\ngo 1.25\n\nrequire github.com/racekatas/racekatas v0.0.0\n\n" +
		"replace github.com/racekatas/racekatas => " + filepath.ToSlash(root) + "\n\n" +
		"tool github.com/racekatas/racekatas/harness/cmd/kata\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644))
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644))
	c := &course{t: t, dir: dir}
	c.must("git", "init", "-q")
	return c
}

// run runs a command in the course and returns its exit code and output.
func (c *course) run(name string, args ...string) (int, string) {
	c.t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = c.dir
	// The course is a module of its own: racekatas' CI flags do not apply.
	cmd.Env = append(os.Environ(), "GOFLAGS=", "NO_COLOR=1")
	out, err := cmd.CombinedOutput()
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else {
		require.NoError(c.t, err, string(out))
	}
	return code, string(out)
}

func (c *course) must(name string, args ...string) string {
	c.t.Helper()
	code, out := c.run(name, args...)
	require.Equal(c.t, 0, code, "%s %s:\n%s", name, strings.Join(args, " "), out)
	return out
}

func (c *course) kata(args ...string) (int, string) {
	c.t.Helper()
	return c.run("go", append([]string{"tool", "kata"}, args...)...)
}

// fill replaces every piece of scaffold text, as an author would by writing
// the story, the specs and the rest.
func (c *course) fill() {
	c.t.Helper()
	require.NoError(c.t, filepath.WalkDir(c.dir, func(path string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || strings.Contains(path, string(filepath.Separator)+".git") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if filled := strings.ReplaceAll(string(data), "AUTHOR: ", ""); filled != string(data) {
			return os.WriteFile(path, []byte(filled), 0o644)
		}
		return nil
	}))
}

func TestACourseRepositoryWritesVerifiesChecksAndGradesItsOwnKata(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI and a kata in a new module")
	}
	c := newCourse(t)
	c.must("go", "mod", "tidy")

	out := c.must("go", "tool", "kata", "new", "01-first-race", "--expect", "race", "--title", "A counter")
	assert.Contains(t, out, "wrote katas/01-first-race/firstrace_test.go")
	assert.Contains(t, out, "go tool kata verify 01-first-race", "a course runs the CLI as a tool")
	c.must("go", "mod", "tidy") // the specs import Ginkgo, Gomega and the harness

	// Fresh from the scaffold, verify names what is left to write, all at once.
	code, out := c.kata("verify")
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "scaffold text (AUTHOR:) still to replace in katas/01-first-race/README.md")
	assert.Contains(t, out, "katas/katas.toml (the entry's title, chapter, fixes or hints)")
	assert.Regexp(t, `solution +pass +pass 1/1`, out, "the example's mechanics already hold")

	c.fill()
	c.must("go", "tool", "kata", "sums")
	out = c.must("go", "tool", "kata", "verify")
	assert.Contains(t, out, "1 katas, 3 cases × 1 runs")

	code, out = c.kata("check", "01")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "01-first-race · RACE")

	code, out = c.kata("grade")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "0/1 points")

	solution, err := os.ReadFile(filepath.Join(c.dir, "solutions/01-first-race/firstrace.go"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(c.dir, "katas/01-first-race/firstrace.go"), solution, 0o644))
	out = c.must("go", "tool", "kata", "check", "01")
	assert.Contains(t, out, "01-first-race · PASS")
	out = c.must("go", "tool", "kata", "grade")
	assert.Contains(t, out, "1/1 points")
}

func TestNewRefusesToOverwriteAndNeedsAModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI in a new module")
	}
	c := newCourse(t)
	c.must("go", "mod", "tidy")
	c.must("go", "tool", "kata", "new", "race-one", "--expect", "race")
	code, out := c.kata("new", "race-one", "--expect", "deadlock")
	assert.Equal(t, 2, code)
	assert.Contains(t, out, "katas/race-one already exists")

	code, out = c.kata("new", "Bad Name", "--expect", "race")
	assert.Equal(t, 2, code)
	assert.Contains(t, out, "is not a kata name")
}
