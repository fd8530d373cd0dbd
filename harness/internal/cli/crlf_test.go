package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekatas/racekatas/harness/internal/cli"
	"github.com/racekatas/racekatas/harness/internal/diagnose"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

// crlfClone is a learner's clone made as Git for Windows makes it by
// default (core.autocrlf=true): every text file checked out with CRLF.
func crlfClone(t *testing.T) string {
	t.Helper()
	upstream := gitRepo(t)
	spec := filepath.Join(upstream, "katas/01-shared-struct/tracker_test.go")
	require.NoError(t, os.WriteFile(spec, []byte("package tracker\n\n// a spec\n"), 0o644))
	code, _, errOut := run(t, upstream, "sums")
	require.Equal(t, cli.ExitOK, code, errOut)
	commitAll(t, upstream, "a spec")

	clone := filepath.Join(t.TempDir(), "clone")
	out, err := exec.Command("git", "-c", "core.autocrlf=true", "clone", "-q", upstream, clone).CombinedOutput()
	require.NoError(t, err, string(out))
	// Keep converting in the clone, as the learner's git would.
	out, err = exec.Command("git", "-C", clone, "config", "core.autocrlf", "true").CombinedOutput()
	require.NoError(t, err, string(out))
	data, err := os.ReadFile(filepath.Join(clone, "katas/01-shared-struct/tracker_test.go"))
	require.NoError(t, err)
	require.Equal(t, "package tracker\r\n\r\n// a spec\r\n", string(data), "the clone has CRLF files")
	return clone
}

func TestACRLFCheckoutIsPristine(t *testing.T) {
	clone := crlfClone(t)

	code, out, _ := run(t, clone, "sums", "--check")
	assert.Equal(t, cli.ExitOK, code, out)

	code, out, _ = run(t, clone, "reset", "--all")
	assert.Equal(t, cli.ExitOK, code)
	assert.Equal(t, "Nothing to restore: every file is as it came.\n", out)

	// Grading warns of no edited spec.
	code, out, errOut := runGrade(t, clone, nil, "--format", "json")
	assert.Equal(t, cli.ExitFailed, code, "nothing is solved")
	assert.NotContains(t, out, "tampered")
	assert.NotContains(t, errOut, "differ from the pristine specs")
}

func TestResetInACRLFCheckoutRestoresOnlyWhatChanged(t *testing.T) {
	clone := crlfClone(t)
	file := filepath.Join(clone, "katas/01-shared-struct/tracker.go")
	require.NoError(t, os.WriteFile(file, []byte("package tracker // mine\r\n"), 0o644))

	code, out, errOut := run(t, clone, "reset", "01")
	require.Equal(t, cli.ExitOK, code, errOut)
	assert.Equal(t, 1, strings.Count(out, "restored "), "only the edited file: %s", out)
	assert.Contains(t, out, "restored katas/01-shared-struct/tracker.go")
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, "package tracker\r\n", string(data), "as a checkout gives it, with CRLF")

	// An edited spec saved with CRLF is still an edited spec.
	spec := filepath.Join(clone, "katas/01-shared-struct/tracker_test.go")
	require.NoError(t, os.WriteFile(spec, []byte("package tracker\r\n\r\n// weakened\r\n"), 0o644))
	_, _, errOut = runGrade(t, clone, nil, "--format", "json")
	assert.Contains(t, errOut, "katas/01-shared-struct/tracker_test.go differ from the pristine specs")
}

func TestSolutionDiffIgnoresLineEndings(t *testing.T) {
	root := fakeRepo(t)
	sol := "package tracker\n\nimport \"sync\"\n\nvar mu sync.Mutex\n"
	require.NoError(t, os.WriteFile(filepath.Join(root, "solutions/01-shared-struct/tracker.go"), []byte(sol), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(root, "katas/01-shared-struct/tracker.go"),
		[]byte(strings.ReplaceAll(sol, "\n", "\r\n")), 0o644))
	cache(t, root, map[string]diagnose.Diagnosis{"01-shared-struct": {Kind: verdict.Pass}})

	code, out, _ := run(t, root, "solution", "01")
	assert.Equal(t, cli.ExitOK, code)
	assert.Contains(t, out, "(identical)")
	assert.NotContains(t, out, "\r")
}
