package manifest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekatas/racekatas/harness/internal/manifest"
)

const good = `
[[kata]]
name = "01-shared-struct"
title = "A struct"
chapter = "Shared memory"
expect = "race"
fixes = ["sync.Mutex"]
hints = ["one", "two"]
[[kata.wrong]]
label = "sleep"
expect = "race"

[[kata]]
name = "02-hot-counter"
title = "A counter"
chapter = "Shared memory"
expect = "race"
hints = ["one", "two"]
`

// repo lays out a repository with the given manifest and folders.
func repo(t *testing.T, toml string, dirs ...string) string {
	t.Helper()
	root := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(root, "katas"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, manifest.File), []byte(toml), 0o644))
	for _, d := range dirs {
		require.NoError(t, os.MkdirAll(filepath.Join(root, d), 0o755))
	}
	return root
}

var goodDirs = []string{
	"katas/01-shared-struct", "solutions/01-shared-struct/wrong/sleep",
	"katas/02-hot-counter", "solutions/02-hot-counter",
}

func TestLoadReadsKatasInOrder(t *testing.T) {
	m, err := manifest.Load(repo(t, good, goodDirs...))
	require.NoError(t, err)
	require.Len(t, m.Katas, 2)
	assert.Equal(t, "01-shared-struct", m.Katas[0].Name)
	assert.Equal(t, []manifest.Wrong{{Label: "sleep", Expect: "race"}}, m.Katas[0].Wrong)
	assert.Equal(t, 1, m.Katas[1].Weight(), "points default to 1")
}

func TestLoadReportsEveryProblemAtOnce(t *testing.T) {
	bad := `
[[kata]]
name = "1-bad name"
expect = "slow"
hints = ["only one"]
[[kata.wrong]]
label = "ghost"
expect = "pass"
`
	m, err := manifest.Load(repo(t, bad+good, append(goodDirs, "solutions/1-bad name/wrong/stray")...))
	require.NoError(t, err, "one bad entry leaves the others usable")
	require.Len(t, m.Katas, 3)
	problems := strings.Join(m.Katas[0].Problems, "\n")
	for _, want := range []string{
		"name must be lower-case letters, digits and hyphens",
		"no title", "no chapter",
		`expect = "slow"`,
		"at least 2 hints",
		`wrong fix "ghost": expect = "pass"`,
		`wrong fix "ghost" has no folder`,
		"wrong/stray has no [[kata.wrong]] entry",
	} {
		assert.Contains(t, problems, want)
	}
	assert.Empty(t, m.Katas[1].Problems)
	assert.Empty(t, m.Katas[2].Problems)
}

func TestAMissingSolutionFolderIsTheKatasOwnProblem(t *testing.T) {
	m, err := manifest.Load(repo(t, good, "katas/01-shared-struct", "solutions/01-shared-struct/wrong/sleep", "katas/02-hot-counter"))
	require.NoError(t, err)
	assert.Equal(t, []string{"folder solutions/02-hot-counter is missing"}, m.Katas[1].Problems)
	assert.Empty(t, m.Katas[0].Problems)
}

func TestNamesNeedNoTwoDigitNumber(t *testing.T) {
	toml := strings.NewReplacer("01-shared-struct", "shared-struct", "02-hot-counter", "102-hot-counter").Replace(good)
	m, err := manifest.Load(repo(t, toml, "solutions/shared-struct/wrong/sleep", "solutions/102-hot-counter"))
	require.NoError(t, err)
	for _, k := range m.Katas {
		assert.Empty(t, k.Problems)
	}
}

func TestANameUsedTwiceMakesTheListUnusable(t *testing.T) {
	_, err := manifest.Load(repo(t, good+good, goodDirs...))
	assert.ErrorContains(t, err, "name used twice")
}

func TestLoadNamesTheLineOfATOMLError(t *testing.T) {
	_, err := manifest.Load(repo(t, "[[kata]]\nname = \"01-x\nhints = []\n"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "is not valid TOML")
	assert.Contains(t, err.Error(), "line 2")
}

func TestLoadRejectsUnknownKeys(t *testing.T) {
	_, err := manifest.Load(repo(t, good+"\nhint = \"typo\"\n", goodDirs...))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "unknown keys kata.hint")
}

func TestLoadWithoutManifestSaysWhere(t *testing.T) {
	_, err := manifest.Load(t.TempDir())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no manifest at")
}

func TestFindAcceptsNumbersAndSuggestsNames(t *testing.T) {
	m, err := manifest.Load(repo(t, good, goodDirs...))
	require.NoError(t, err)

	k, err := m.Find("02")
	require.NoError(t, err)
	assert.Equal(t, "02-hot-counter", k.Name)

	k, err = m.Find("katas/01-shared-struct/")
	require.NoError(t, err)
	assert.Equal(t, "01-shared-struct", k.Name)

	_, err = m.Find("hot-countr")
	var unknown *manifest.UnknownKataError
	require.ErrorAs(t, err, &unknown)
	assert.Equal(t, []string{"02-hot-counter"}, unknown.Closest)
	assert.Contains(t, err.Error(), `did you mean 02-hot-counter?`)
}

func TestFindRootWalksUp(t *testing.T) {
	root := repo(t, good, goodDirs...)
	got, err := manifest.FindRoot(filepath.Join(root, "katas", "01-shared-struct"))
	require.NoError(t, err)
	assert.Equal(t, root, got)

	_, err = manifest.FindRoot(t.TempDir())
	assert.ErrorContains(t, err, "inside a racekatas checkout")
}

func TestFindSaysAFolderWithoutAnEntryIsUnregistered(t *testing.T) {
	m, err := manifest.Load(repo(t, good, append(goodDirs, "katas/90-new-kata")...))
	require.NoError(t, err)
	_, err = m.Find("90-new-kata")
	assert.ErrorContains(t, err, "katas/90-new-kata exists, but katas/katas.toml has no [[kata]] entry for it")
}
