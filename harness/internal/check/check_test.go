package check

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekatas/racekatas/harness/internal/manifest"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

// oneProcKata is a module with one kata whose test fails only with a
// single P: a bug that one run under the default GOMAXPROCS never shows.
func oneProcKata(t *testing.T) (*manifest.Manifest, manifest.Kata) {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"go.mod":              "module example.com/k\n\ngo 1.25\n",
		"katas/01-one/one.go": "package one\n\nimport \"runtime\"\n\nfunc Procs() int { return runtime.GOMAXPROCS(0) }\n",
		"katas/01-one/one_test.go": "package one\n\nimport \"testing\"\n\n" +
			"func TestProcs(t *testing.T) {\n\tif Procs() == 1 {\n\t\tt.Fatal(\"lost on one P\")\n\t}\n}\n",
	}
	for rel, body := range files {
		path := filepath.Join(root, rel)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(body), 0o644))
	}
	return &manifest.Manifest{Root: root}, manifest.Kata{Name: "01-one"}
}

func TestAPassIsConfirmedUnderOtherSchedulings(t *testing.T) {
	if os.Getenv("GOMAXPROCS") == "1" {
		t.Skip("the fixture's first run must pass")
	}
	m, k := oneProcKata(t)

	once, err := Diagnose(context.Background(), m, k, KataVariant, Options{})
	require.NoError(t, err)
	assert.Equal(t, verdict.Pass, once.Kind, "one run under the default scheduling passes")

	confirmed, err := Run(context.Background(), m, k, KataVariant, Options{Confirm: DefaultConfirm})
	require.NoError(t, err)
	assert.Equal(t, verdict.WrongResult, confirmed.Verdict().Kind, "a confirmation run with one P fails")
	assert.Len(t, confirmed.Runs, 2, "confirmation stops at the first failure")
}

func TestAFailureNeedsNoConfirmation(t *testing.T) {
	m, k := oneProcKata(t)
	t.Setenv("GOMAXPROCS", "1") // reaches the test binary: its first run fails
	res, err := Run(context.Background(), m, k, KataVariant, Options{Confirm: DefaultConfirm})
	require.NoError(t, err)
	assert.Equal(t, verdict.WrongResult, res.Verdict().Kind)
	assert.Len(t, res.Runs, 1, "no confirmation runs after a failure")
}
