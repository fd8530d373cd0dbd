package grade_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekatas/racekatas/harness/internal/grade"
	"github.com/racekatas/racekatas/harness/internal/pristine"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

// copyTree copies the named files and folders (non-recursive for folders:
// their regular files only) from the repository into dst.
func copyTree(t *testing.T, repo, dst string, paths ...string) {
	t.Helper()
	for _, p := range paths {
		src := filepath.Join(repo, p)
		st, err := os.Stat(src)
		require.NoError(t, err)
		files := []string{p}
		if st.IsDir() {
			entries, err := os.ReadDir(src)
			require.NoError(t, err)
			files = nil
			for _, e := range entries {
				if !e.IsDir() {
					files = append(files, filepath.Join(p, e.Name()))
				}
			}
		}
		for _, f := range files {
			data, err := os.ReadFile(filepath.Join(repo, f))
			require.NoError(t, err)
			require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dst, f)), 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(dst, f), data, 0o644))
		}
	}
}

// miniRepo is a racekatas module holding kata 01 only.
func miniRepo(t *testing.T) string {
	t.Helper()
	repo, err := filepath.Abs("../../..")
	require.NoError(t, err)
	root := t.TempDir()
	copyTree(t, repo, root, "go.mod", "go.sum", "harness", "harness/internal/stack",
		"katas/01-shared-struct", "solutions/01-shared-struct")
	manifest := `[[kata]]
name = "01-shared-struct"
title = "A struct read and written by two goroutines"
chapter = "Shared memory"
expect = "race"
hints = ["one", "two"]
`
	require.NoError(t, os.WriteFile(filepath.Join(root, "katas/katas.toml"), []byte(manifest), 0o644))
	sums, err := pristine.Compute(root, []string{"01-shared-struct"})
	require.NoError(t, err)
	require.NoError(t, sums.Write(root))
	return root
}

// A learner who empties the specs instead of fixing the race passes when the
// tree is graded as it stands (and is warned about), and scores nothing when
// graded against the pristine specs. This test builds and runs the kata.
func TestEditingASpecDoesNotHelpAgainstPristineSpecs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a kata under the race detector")
	}
	upstream := miniRepo(t)
	learner := miniRepo(t)
	spec := filepath.Join(learner, "katas/01-shared-struct/tracker_test.go")
	require.NoError(t, os.WriteFile(spec, []byte("package tracker_test\n"), 0o644))

	asIs, err := grade.Grade(context.Background(), grade.Options{Learner: learner})
	require.NoError(t, err)
	require.Len(t, asIs.Results, 1)
	assert.Equal(t, verdict.Pass, asIs.Results[0].Verdict, "with no specs left, the suite passes")
	assert.Equal(t, []string{"katas/01-shared-struct/tracker_test.go"}, asIs.Results[0].Tampered)

	strict, err := grade.Grade(context.Background(), grade.Options{Learner: learner, SpecsFrom: upstream})
	require.NoError(t, err)
	require.Len(t, strict.Results, 1)
	assert.Equal(t, verdict.Race, strict.Results[0].Verdict, "the pristine specs still find the race")
	assert.Equal(t, 0, strict.Points)

	// And the learner's real fix is what earns the point.
	sol, err := os.ReadFile(filepath.Join(upstream, "solutions/01-shared-struct/tracker.go"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(learner, "katas/01-shared-struct/tracker.go"), sol, 0o644))
	fixed, err := grade.Grade(context.Background(), grade.Options{Learner: learner, SpecsFrom: upstream})
	require.NoError(t, err)
	assert.Equal(t, verdict.Pass, fixed.Results[0].Verdict)
	assert.Equal(t, 1, fixed.Points)
}
