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

// gitRepo is fakeRepo with its pristine sums recorded and committed, as a
// learner's clone would be.
func gitRepo(t *testing.T) string {
	t.Helper()
	root := fakeRepo(t)
	code, _, errOut := run(t, root, "sums")
	require.Equal(t, cli.ExitOK, code, errOut)
	for _, args := range [][]string{
		// No line-ending conversion, whatever the machine's git says (Git for
		// Windows: core.autocrlf=true); crlf_test.go makes a CRLF clone.
		{"init", "-q"}, {"config", "core.autocrlf", "false"}, {"add", "-A"},
		{"-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "upstream"},
	} {
		cmd := exec.Command("git", args...)
		cmd.Dir = root
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, string(out))
	}
	return root
}

func commitAll(t *testing.T, root, msg string) {
	t.Helper()
	for _, args := range [][]string{{"add", "-A"}, {"-c", "user.name=l", "-c", "user.email=l@example.org", "commit", "-qm", msg}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = root
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, string(out))
	}
}

func TestResetRestoresPristineFilesAndKeepsABackup(t *testing.T) {
	root := gitRepo(t)
	file := filepath.Join(root, "katas/01-shared-struct/tracker.go")
	extra := filepath.Join(root, "katas/01-shared-struct/mine.go")
	require.NoError(t, os.WriteFile(file, []byte("package tracker // my attempt\n"), 0o644))
	require.NoError(t, os.WriteFile(extra, []byte("package tracker\n"), 0o644))
	// The learner committed the attempt: HEAD is no longer pristine.
	commitAll(t, root, "my attempt")

	code, out, errOut := run(t, root, "reset", "01")
	require.Equal(t, cli.ExitOK, code, errOut)
	assert.Contains(t, out, "restored katas/01-shared-struct/tracker.go")
	assert.Contains(t, out, "removed  katas/01-shared-struct/mine.go (not part of the kata)")

	data, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, "package tracker\n", string(data))
	assert.NoFileExists(t, extra)

	backups, err := filepath.Glob(filepath.Join(root, ".racekatas/backup/*/katas/01-shared-struct/tracker.go"))
	require.NoError(t, err)
	require.Len(t, backups, 1)
	kept, _ := os.ReadFile(backups[0])
	assert.Equal(t, "package tracker // my attempt\n", string(kept))

	code, out, _ = run(t, root, "reset", "--all")
	assert.Equal(t, cli.ExitOK, code)
	assert.Equal(t, "Nothing to restore: every file is as it came.\n", out)
}

func TestResetNeedsANameOrAll(t *testing.T) {
	code, _, errOut := run(t, gitRepo(t), "reset")
	assert.Equal(t, cli.ExitUsage, code)
	assert.Contains(t, errOut, "kata reset --all")
}

func TestResetWithoutHistorySaysSoAndChangesNothing(t *testing.T) {
	root := fakeRepo(t)
	code, _, _ := run(t, root, "sums")
	require.Equal(t, cli.ExitOK, code)
	file := filepath.Join(root, "katas/01-shared-struct/tracker.go")
	require.NoError(t, os.WriteFile(file, []byte("package tracker // mine\n"), 0o644))

	code, _, errOut := run(t, root, "reset", "01")
	assert.Equal(t, cli.ExitFailed, code)
	assert.Contains(t, errOut, "01-shared-struct: cannot read git history")
	data, _ := os.ReadFile(file)
	assert.Equal(t, "package tracker // mine\n", string(data), "nothing was changed")
}

func TestSolutionWaitsUntilTheKataIsSolved(t *testing.T) {
	root := fakeRepo(t)
	require.NoError(t, os.WriteFile(filepath.Join(root, "solutions/01-shared-struct/tracker.go"),
		[]byte("package tracker\n\nimport \"sync\"\n\nvar mu sync.Mutex\n"), 0o644))

	code, out, errOut := run(t, root, "solution", "01")
	assert.Equal(t, cli.ExitFailed, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "01-shared-struct is not solved yet")

	code, out, _ = run(t, root, "solution", "01", "--force")
	assert.Equal(t, cli.ExitOK, code)
	golden(t, "solution", out)

	cache(t, root, map[string]diagnose.Diagnosis{"01-shared-struct": {Kind: verdict.Pass}})
	code, out2, _ := run(t, root, "solution", "01")
	assert.Equal(t, cli.ExitOK, code)
	assert.Equal(t, out, out2)
	assert.True(t, strings.Contains(out, "+var mu sync.Mutex"))
}
