package cli_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/racekatas/racekatas/harness/internal/cli"
)

// A machine whose Go cannot build with -race is named as such, with exit
// 2, by every command that builds, before any kata runs: never a
// BUILD-ERROR blamed on the learner's code, never a score. These run the
// real check (the go command) with the environment broken two ways.
func TestABrokenToolchainStopsEveryCommandThatBuilds(t *testing.T) {
	for name, env := range map[string][2]string{
		"cgo off":            {"CGO_ENABLED", "0"},
		"no such C compiler": {"CC", filepath.Join(t.TempDir(), "no-such-cc")},
	} {
		t.Run(name, func(t *testing.T) {
			t.Setenv(env[0], env[1])
			root := fakeRepo(t)
			for _, args := range [][]string{
				{}, {"check", "01"}, {"watch", "01"}, {"grade"}, {"grade", "--format", "json"},
				{"grade", "--specs-from", root}, {"verify", "01"}, {"mutate", "01"},
			} {
				code, out, errOut := run(t, root, args...)
				assert.Equal(t, cli.ExitUsage, code, "%v", args)
				assert.Empty(t, out, "%v: no progress, no score", args)
				assert.Contains(t, errOut, "Go cannot build with the race detector on this machine", "%v", args)
				assert.Contains(t, errOut, "This is the setup, not your code.", "%v", args)
				assert.Contains(t, errOut, "dev container", "%v", args)
				assert.NotContains(t, errOut, "BUILD-ERROR", "%v", args)
			}
			// Commands that build nothing still work.
			for _, args := range [][]string{{"list"}, {"hint", "01"}} {
				code, _, errOut := run(t, root, args...)
				assert.Equal(t, cli.ExitOK, code, "%v: %s", args, errOut)
			}
		})
	}
}
