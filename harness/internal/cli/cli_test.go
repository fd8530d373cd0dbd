package cli_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekatas/racekatas/harness/internal/cli"
	"github.com/racekatas/racekatas/harness/internal/diagnose"
	"github.com/racekatas/racekatas/harness/internal/state"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const manifestTOML = `
[[kata]]
name = "01-shared-struct"
title = "A struct read and written by two goroutines"
chapter = "Shared memory"
expect = "race"
hints = ["Look at both sides.", "Lock in Where too.", "Add mu sync.Mutex and lock it in Move and Where."]

[[kata]]
name = "02-hot-counter"
title = "A hot counter"
chapter = "Shared memory"
expect = "race"
hints = ["one", "two"]

[[kata]]
name = "03-unbuffered-send"
title = "A send nobody receives"
chapter = "Channels"
expect = "deadlock"
hints = ["one", "two"]
`

// fakeRepo lays out a repository whose katas are never built: tests that
// need verdicts put them in the cache.
func fakeRepo(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"katas/01-shared-struct", "katas/02-hot-counter", "katas/03-unbuffered-send",
		"solutions/01-shared-struct", "solutions/02-hot-counter", "solutions/03-unbuffered-send"} {
		require.NoError(t, os.MkdirAll(filepath.Join(root, d), 0o755))
	}
	require.NoError(t, os.WriteFile(filepath.Join(root, "katas/katas.toml"), []byte(manifestTOML), 0o644))
	for file, pkg := range map[string]string{
		"katas/01-shared-struct/tracker.go":   "tracker",
		"katas/02-hot-counter/counter.go":     "hits",
		"katas/03-unbuffered-send/tickets.go": "tickets",
	} {
		require.NoError(t, os.WriteFile(filepath.Join(root, file), []byte("package "+pkg+"\n"), 0o644))
	}
	return root
}

// cache records verdicts for katas as if they had been run.
func cache(t *testing.T, root string, ds map[string]diagnose.Diagnosis) {
	t.Helper()
	st := state.Load(root)
	for name, d := range ds {
		hash, err := state.Hash(root, filepath.Join(root, "katas", name))
		require.NoError(t, err)
		st.Record(name, hash, d)
	}
	require.NoError(t, st.Save(root))
}

func run(t *testing.T, root string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = cli.Main(args, cli.IO{
		Out: &out, Err: &errOut, Dir: root,
		Getenv: func(string) string { return "" },
	})
	return code, strings.ReplaceAll(out.String(), root, "$ROOT"), strings.ReplaceAll(errOut.String(), root, "$ROOT")
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./harness/internal/cli -update")
	assert.Equal(t, string(want), got)
}

func raceOn01(root string) diagnose.Diagnosis {
	file := filepath.Join(root, "katas/01-shared-struct/tracker.go")
	return diagnose.Diagnosis{
		Kind: verdict.Race,
		Spec: "Tracker when the van moves while the dashboard reads always shows a position the van really reported",
		Races: []diagnose.Race{{Accesses: []diagnose.Access{
			{Op: "write", Goroutine: 20, At: diagnose.Location{File: file, Line: 34, Func: "(*Tracker).Move", Source: "t.pos = Position{Lat: f.Lat}"},
				Started: diagnose.Location{File: file, Line: 46}},
			{Op: "read", Goroutine: 22, At: diagnose.Location{File: file, Line: 39, Func: "(*Tracker).Where", Source: "return t.pos"},
				StartedBySpec: true},
		}}},
	}
}

func TestStatusShowsProgressAndTheNextDiagnosis(t *testing.T) {
	root := fakeRepo(t)
	cache(t, root, map[string]diagnose.Diagnosis{
		"01-shared-struct":   raceOn01(root),
		"02-hot-counter":     {Kind: verdict.Pass},
		"03-unbuffered-send": {Kind: verdict.Deadlock},
	})
	code, out, errOut := run(t, root)
	assert.Equal(t, cli.ExitOK, code)
	assert.Empty(t, errOut, "nothing to build: every verdict is cached")
	golden(t, "status", out)
}

func TestListNeverRunsAnything(t *testing.T) {
	root := fakeRepo(t)
	cache(t, root, map[string]diagnose.Diagnosis{"02-hot-counter": {Kind: verdict.Pass}})
	code, out, _ := run(t, root, "list")
	assert.Equal(t, cli.ExitOK, code)
	golden(t, "list", out)
}

func TestHintsUnfoldOneAtATime(t *testing.T) {
	root := fakeRepo(t)
	var all []string
	for range 4 {
		code, out, _ := run(t, root, "hint", "01")
		require.Equal(t, cli.ExitOK, code)
		all = append(all, out)
	}
	golden(t, "hints", strings.Join(all, "---\n"))

	_, out, _ := run(t, root, "hint", "01", "--all")
	assert.Contains(t, out, "Hint 1/3")
	assert.Contains(t, out, "Hint 3/3")
}

func TestUnknownKataIsAUsageErrorWithSuggestions(t *testing.T) {
	root := fakeRepo(t)
	code, out, errOut := run(t, root, "check", "hot-countr")
	assert.Equal(t, cli.ExitUsage, code)
	assert.Empty(t, out)
	assert.Equal(t, "kata: there is no kata named \"hot-countr\"; did you mean 02-hot-counter? (`kata list` shows them all)\n", errOut)
}

func TestBrokenManifestIsAUsageErrorNotAStackTrace(t *testing.T) {
	root := fakeRepo(t)
	require.NoError(t, os.WriteFile(filepath.Join(root, "katas/katas.toml"), []byte("[[kata]\nname=1"), 0o644))
	code, _, errOut := run(t, root, "list")
	assert.Equal(t, cli.ExitUsage, code)
	assert.Contains(t, errOut, "katas/katas.toml is not valid TOML")
	assert.NotContains(t, errOut, "goroutine ")
}

func TestOutsideACheckoutSaysSo(t *testing.T) {
	code, _, errOut := run(t, t.TempDir(), "list")
	assert.Equal(t, cli.ExitUsage, code)
	assert.Contains(t, errOut, "inside a racekatas checkout")
}

func TestBadFlagsAreUsageErrors(t *testing.T) {
	root := fakeRepo(t)
	code, _, errOut := run(t, root, "verify", "--runs", "0")
	assert.Equal(t, cli.ExitUsage, code)
	assert.Contains(t, errOut, "--runs and --jobs must be at least 1")

	code, _, errOut = run(t, root, "frobnicate", "x")
	assert.Equal(t, cli.ExitUsage, code)
	assert.Contains(t, errOut, "kata:")
}

func TestHelpExitsZero(t *testing.T) {
	code, out, _ := run(t, fakeRepo(t), "--help")
	assert.Equal(t, cli.ExitOK, code)
	assert.Contains(t, out, "verify")
}

func TestADeletedKataFolderIsReportedNotFatal(t *testing.T) {
	root := fakeRepo(t)
	cache(t, root, map[string]diagnose.Diagnosis{
		"01-shared-struct": {Kind: verdict.Pass},
		"02-hot-counter":   {Kind: verdict.Pass},
	})
	require.NoError(t, os.RemoveAll(filepath.Join(root, "katas/03-unbuffered-send")))

	code, out, errOut := run(t, root)
	assert.Equal(t, cli.ExitFailed, code)
	assert.Contains(t, out, "2/3 solved")
	assert.Contains(t, out, "! 03-unbuffered-send")
	assert.Equal(t, "kata: 03-unbuffered-send cannot run: the folder katas/03-unbuffered-send is missing; `git checkout -- katas/03-unbuffered-send` restores it\n", errOut)

	code, _, _ = run(t, root, "list")
	assert.Equal(t, cli.ExitOK, code, "list still works")
}
