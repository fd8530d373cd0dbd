package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekatas/racekatas/harness/internal/manifest"
	"github.com/racekatas/racekatas/harness/internal/mutate"
)

const trackerSolution = `package tracker

import "sync"

type Tracker struct {
	mu  sync.Mutex
	pos int
}

func (t *Tracker) Move(p int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.pos = p
}
`

func mutateRepo(t *testing.T) string {
	t.Helper()
	root := fakeRepo(t)
	require.NoError(t, os.WriteFile(filepath.Join(root, "solutions/01-shared-struct/tracker.go"), []byte(trackerSolution), 0o644))
	return root
}

func TestMutateListsAndShowsMutantsWithoutRunning(t *testing.T) {
	root := mutateRepo(t)
	code, out, errOut := run(t, root, "mutate", "--list", "01")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "remove-lock:(*Tracker).Move#1")
	assert.Contains(t, out, "shrink-cs:(*Tracker).Move#1")

	code, out, errOut = run(t, root, "mutate", "01", "--show", "remove-lock:(*Tracker).Move#1")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "-  11 \tt.mu.Lock()")
	assert.Contains(t, out, "-  12 \tdefer t.mu.Unlock()")

	code, _, errOut = run(t, root, "mutate", "01", "--show", "no-such-op:F#1")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "no mutant")
}

func TestMutateChangedRunsNothingWithoutAReportOrAChange(t *testing.T) {
	root := mutateRepo(t)
	code, _, errOut := run(t, root, "mutate", "--changed", "katas/MUTATION.md")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, errOut, "no report at katas/MUTATION.md")

	// A report that records kata 01 as it is now: nothing changed, and
	// the katas it does not cover are named, not run.
	m, err := manifest.Load(root)
	require.NoError(t, err)
	k, err := m.Find("01")
	require.NoError(t, err)
	hash, err := mutate.FilesHash(m, k)
	require.NoError(t, err)
	var b strings.Builder
	require.NoError(t, mutate.WriteMarkdown(&b, &mutate.Report{Runs: 5, Katas: []mutate.KataReport{{Kata: k.Name, Hash: hash, Runs: 5, Mutants: 2, Killed: 2}}}))
	require.NoError(t, os.WriteFile(filepath.Join(root, "katas/MUTATION.md"), []byte(b.String()), 0o644))
	code, _, errOut = run(t, root, "mutate", "--changed", "katas/MUTATION.md")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, errOut, "no kata changed")
	assert.Contains(t, errOut, "02-hot-counter, 03-unbuffered-send")

	// Once the solution changes, the kata is picked (and would be run).
	require.NoError(t, os.WriteFile(filepath.Join(root, "solutions/01-shared-struct/tracker.go"), []byte(trackerSolution+"\n// edited\n"), 0o644))
	changed, _, err := mutate.Changed(m, mustRead(t, filepath.Join(root, "katas/MUTATION.md")))
	require.NoError(t, err)
	assert.Equal(t, []string{"01-shared-struct"}, changed)
}

func mustRead(t *testing.T, path string) *mutate.Report {
	t.Helper()
	rep, err := mutate.ReadFile(path)
	require.NoError(t, err)
	require.NotNil(t, rep)
	return rep
}
