package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekatas/racekatas/harness/internal/cli"
	"github.com/racekatas/racekatas/harness/internal/diagnose"
	"github.com/racekatas/racekatas/harness/internal/manifest"
	"github.com/racekatas/racekatas/harness/internal/pristine"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

// pristineRepo is fakeRepo with its katas recorded as pristine, as a fresh
// clone has them.
func pristineRepo(t *testing.T) string {
	t.Helper()
	root := fakeRepo(t)
	sums, err := pristine.Compute(root, []string{"01-shared-struct", "02-hot-counter", "03-unbuffered-send"})
	require.NoError(t, err)
	require.NoError(t, sums.Write(root))
	return root
}

// counting runs status with a Check that records which katas it ran and
// answers from verdicts.
func counting(t *testing.T, root string, verdicts map[string]verdict.Kind, args ...string) (ran []string, stdout string) {
	t.Helper()
	var (
		mu  sync.Mutex
		out bytes.Buffer
	)
	check := func(_ context.Context, _ *manifest.Manifest, k manifest.Kata) (diagnose.Diagnosis, error) {
		mu.Lock()
		defer mu.Unlock()
		ran = append(ran, k.Name)
		kind, ok := verdicts[k.Name]
		if !ok {
			kind = verdict.Race
		}
		return diagnose.Diagnosis{Kind: kind}, nil
	}
	cli.Main(args, cli.IO{Out: &out, Err: &bytes.Buffer{}, Dir: root, Getenv: func(string) string { return "" }, Check: check})
	return ran, out.String()
}

func TestAFreshCloneRunsOnlyTheFirstKata(t *testing.T) {
	root := pristineRepo(t)
	ran, out := counting(t, root, nil)
	assert.Equal(t, []string{"01-shared-struct"}, ran)
	assert.Regexp(t, `02-hot-counter +not started`, out)
	assert.Regexp(t, `03-unbuffered-send +not started`, out)
	assert.NotContains(t, out, "DEADLOCK", "a kata not started shows no verdict")

	// The verdict on 01 is cached now: nothing runs again.
	ran, _ = counting(t, root, nil)
	assert.Empty(t, ran)
}

func TestATouchedKataIsAlwaysRunAgain(t *testing.T) {
	root := pristineRepo(t)
	counting(t, root, nil)
	file := filepath.Join(root, "katas/03-unbuffered-send/tickets.go")
	require.NoError(t, os.WriteFile(file, []byte("package tickets\n\n// my fix\n"), 0o644))
	ran, out := counting(t, root, nil)
	assert.Equal(t, []string{"03-unbuffered-send"}, ran, "01's verdict is cached; 02 is untouched")
	assert.Regexp(t, `02-hot-counter +not started`, out)
}

func TestWhenTheNextKataIsSolvedTheOneAfterItRuns(t *testing.T) {
	root := pristineRepo(t)
	file := filepath.Join(root, "katas/01-shared-struct/tracker.go")
	require.NoError(t, os.WriteFile(file, []byte("package tracker\n\n// fixed\n"), 0o644))
	ran, out := counting(t, root, map[string]verdict.Kind{"01-shared-struct": verdict.Pass})
	assert.Equal(t, []string{"01-shared-struct", "02-hot-counter"}, ran)
	assert.Regexp(t, `03-unbuffered-send +not started`, out)
	assert.Contains(t, out, "02-hot-counter · RACE")
}

func TestListSaysNotStartedForPristineKatas(t *testing.T) {
	root := pristineRepo(t)
	_, out := counting(t, root, nil, "list")
	assert.Equal(t, 3, strings.Count(out, "not started"), out)
}
