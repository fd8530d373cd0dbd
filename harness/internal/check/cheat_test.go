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

// copyKata06 makes a module holding the harness and kata 06 (a wrong-result
// kata) with its solution, and returns its manifest and kata.
func copyKata06(t *testing.T) (*manifest.Manifest, manifest.Kata) {
	t.Helper()
	repo, err := filepath.Abs("../../..")
	require.NoError(t, err)
	root := t.TempDir()
	for _, dir := range []string{".", "harness", "harness/internal/stack", "katas/06-seats-oversold", "solutions/06-seats-oversold"} {
		entries, err := os.ReadDir(filepath.Join(repo, dir))
		require.NoError(t, err)
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || dir == "." && name != "go.mod" && name != "go.sum" {
				continue
			}
			data, err := os.ReadFile(filepath.Join(repo, dir, name))
			require.NoError(t, err)
			require.NoError(t, os.MkdirAll(filepath.Join(root, dir), 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(root, dir, name), data, 0o644))
		}
	}
	return &manifest.Manifest{Root: root}, manifest.Kata{Name: "06-seats-oversold", Expect: "wrong-result"}
}

// With the import policy off, the one-line cheats reach the test process;
// the spec list and the test binary's environment still keep every one that
// can be seen from outside the process from passing. (Replacing Gomega's
// fail handler cannot be: every spec runs and passes. Only the policy, which
// keeps Gomega out of kata code, stops it.) This test builds and runs the
// kata once per cheat.
func TestBehindThePolicyTheSpecListStillCatchesCheats(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a kata under the race detector")
	}
	policyOff = true
	t.Cleanup(func() { policyOff = false })
	cheats := map[string]string{
		"exit-zero-in-init": "package boxoffice\n\nimport \"os\"\n\nfunc init() { os.Exit(0) }\n",
		"skip-every-spec": "package boxoffice\n\nimport \"github.com/onsi/ginkgo/v2\"\n\n" +
			"var _ = ginkgo.BeforeEach(func() { ginkgo.Skip(\"not today\") })\n",
		"no-test-runs":     "package boxoffice\n\nimport \"os\"\n\nfunc init() { os.Args = append(os.Args, \"-test.run=XXX\") }\n",
		"focus-on-nothing": "package boxoffice\n\nimport \"os\"\n\nfunc init() { os.Args = append(os.Args, \"-ginkgo.focus=nothing matches\") }\n",
		"dry-run":          "package boxoffice\n\nimport \"os\"\n\nfunc init() { os.Args = append(os.Args, \"-ginkgo.dry-run\") }\n",
		"forge-github-output": "package boxoffice\n\nimport \"os\"\n\nfunc init() {\n" +
			"\tif f, err := os.OpenFile(os.Getenv(\"GITHUB_OUTPUT\"), os.O_APPEND|os.O_WRONLY, 0); err == nil {\n" +
			"\t\tf.WriteString(\"result=Zm9yZ2Vk\\n\")\n\t\tf.Close()\n\t}\n\tos.Exit(0)\n}\n",
	}
	for name, src := range cheats {
		t.Run(name, func(t *testing.T) {
			m, k := copyKata06(t)
			// The learner's folder: the bug left in place, and the cheat.
			learner := t.TempDir()
			data, err := os.ReadFile(filepath.Join(m.Dir(k), "boxoffice.go"))
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(learner, "boxoffice.go"), data, 0o644))
			require.NoError(t, os.WriteFile(filepath.Join(learner, "cheat.go"), []byte(src), 0o644))
			out := filepath.Join(t.TempDir(), "github_output")
			require.NoError(t, os.WriteFile(out, nil, 0o644))
			t.Setenv("GITHUB_OUTPUT", out)

			d, err := Diagnose(context.Background(), m, k, Variant{Name: "learner", Dir: learner, DeleteMissing: true}, Options{})
			require.NoError(t, err)
			assert.NotEqual(t, verdict.Pass, d.Kind, d.Message)
			t.Log(d.Kind, ": ", firstLineOf(d.Message))
			written, _ := os.ReadFile(out)
			assert.Empty(t, string(written), "GITHUB_OUTPUT never reaches the test binary")
		})
	}
}

func firstLineOf(s string) string {
	for i, c := range s {
		if c == '\n' {
			return s[:i]
		}
	}
	return s
}
