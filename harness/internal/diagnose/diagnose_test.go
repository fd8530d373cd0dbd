package diagnose_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekatas/racekatas/harness/internal/diagnose"
	"github.com/racekatas/racekatas/harness/internal/report"
	"github.com/racekatas/racekatas/harness/internal/runner"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

// -record runs the fixture suites again and stores what they printed;
// -update rewrites the golden diagnoses from the stored recordings.
var (
	record = flag.Bool("record", false, "re-run the fixtures and record their output")
	update = flag.Bool("update", false, "rewrite the golden files")
)

// The fixtures are tiny suites, one per verdict or per way a diagnosis must
// name a cause, in testdata/fixtures. Their recorded output
// (testdata/recorded) has the repository root replaced by $ROOT, so the
// goldens hold on any checkout.
var fixtures = map[string]fixture{
	"pass":     {kind: verdict.Pass},
	"race":     {kind: verdict.Race},
	"deadlock": {kind: verdict.Deadlock},
	"spechang": {kind: verdict.Deadlock},
	"leak":     {kind: verdict.Leak},
	"panicked": {kind: verdict.Panic},
	"crash":    {kind: verdict.Panic},
	"wrong":    {kind: verdict.WrongResult},
	"build":    {kind: verdict.BuildError},

	// A race whose read then dereferences nil: the race is the cause.
	"racepanic": {kind: verdict.Race},
	// Deadlocks whose explaining line is a frame up, or in code that returned.
	"lockorder":  {kind: verdict.Deadlock},
	"rlocktwice": {kind: verdict.Deadlock},
	"selflock":   {kind: verdict.Deadlock},
	"keptlock":   {kind: verdict.Deadlock},
	// A goroutine that spins forever: a busy loop, not a deadlock.
	"spin": {kind: verdict.BusyWait},
	// Twenty identical leaked goroutines, shown once.
	"leakmany": {kind: verdict.Leak},
	// An atomic add against a plain read; a captured loop variable, with the
	// kata's own advice.
	"atomicmix": {kind: verdict.Race},
	"loopvar":   {kind: verdict.Race, advice: "Every goroutine reads the loop's one i and w, which the loop writes again for the next word: give each goroutine its own copy (i, w := i, w in the loop body, or pass them as arguments)."},
	// An explicit Unlock, then the deferred one.
	"deferunlock": {kind: verdict.Panic},
	// Under fail-fast, a deadlock with only spec lines, then the next
	// failing spec, and no more.
	"specnext": {kind: verdict.Deadlock, failFast: true},
	// An assertion that fails inside a callback the learner's code called.
	"wrongcall": {kind: verdict.WrongResult},
}

type fixture struct {
	kind     verdict.Kind
	failFast bool   // run as the CLI runs a learner's check
	advice   string // the kata's race advice, as the manifest would give it
}

const rootToken = "$ROOT"

func repoRoot(t *testing.T) string {
	root, err := filepath.Abs("../../..")
	require.NoError(t, err)
	return root
}

type recording struct {
	BuildFailed bool `json:"buildFailed"`
	ExitCode    int  `json:"exitCode"`
	Killed      bool `json:"killed"`
}

func TestClassifyRecordedRuns(t *testing.T) {
	root := repoRoot(t)
	for name, fx := range fixtures {
		t.Run(name, func(t *testing.T) {
			fixDir := filepath.Join(root, "harness/internal/diagnose/testdata/fixtures", name)
			recDir := filepath.Join("testdata/recorded", name)
			if *record {
				recordFixture(t, root, fixDir, recDir, fx)
			}
			in := loadRecording(t, root, fixDir, recDir)
			in.Advice = fx.advice
			d := diagnose.Classify(in)
			assert.Equal(t, fx.kind, d.Kind, "verdict")

			// The diagnosis as JSON, paths relative to the root.
			d.Raw = ""
			js, err := json.MarshalIndent(d, "", "  ")
			require.NoError(t, err)
			golden(t, filepath.Join("testdata/golden", name+".json"), strings.ReplaceAll(string(js), root, rootToken)+"\n")

			// And as a learner sees it, without colour.
			var buf bytes.Buffer
			report.WriteDiagnosis(&buf, report.Style{}, report.KataRef{Name: name, Root: root}, d)
			golden(t, filepath.Join("testdata/golden", name+".txt"), buf.String())
		})
	}
}

func recordFixture(t *testing.T, root, fixDir, recDir string, fx fixture) {
	t.Helper()
	require.NoError(t, os.MkdirAll(recDir, 0o755))
	scratch := t.TempDir()
	b, err := runner.Compile(context.Background(), runner.Target{Root: root, Dir: fixDir}, scratch, 0)
	require.NoError(t, err)
	rec := recording{BuildFailed: b.Failed}
	write := func(name, data string) {
		require.NoError(t, os.WriteFile(filepath.Join(recDir, name), []byte(strings.ReplaceAll(data, root, rootToken)), 0o644))
	}
	write("build.txt", b.Output)
	if !b.Failed {
		var env []string
		if fx.failFast {
			env = append(env, runner.FailFastEnv+"=1")
		}
		r, err := runner.Execute(context.Background(), b.Binary, fixDir, scratch, 0, env...)
		require.NoError(t, err)
		rec.ExitCode, rec.Killed = r.ExitCode, r.Killed
		write("output.txt", r.Output)
		write("report.json", string(r.Report))
	}
	meta, _ := json.MarshalIndent(rec, "", "  ")
	write("meta.json", string(meta)+"\n")
}

func loadRecording(t *testing.T, root, fixDir, recDir string) diagnose.Input {
	t.Helper()
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(recDir, name))
		if os.IsNotExist(err) {
			return ""
		}
		require.NoError(t, err)
		return strings.ReplaceAll(string(data), rootToken, root)
	}
	var rec recording
	require.NoError(t, json.Unmarshal([]byte(read("meta.json")), &rec), "no recording for %s: run with -record", recDir)
	in := diagnose.Input{
		Root:    root,
		KataDir: fixDir,
		Build:   runner.Build{Output: read("build.txt"), Failed: rec.BuildFailed},
	}
	if !rec.BuildFailed {
		in.Run = &runner.Run{Output: read("output.txt"), Report: []byte(read("report.json")), ExitCode: rec.ExitCode, Killed: rec.Killed}
	}
	return in
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update || *record {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file: run go test ./harness/internal/diagnose -update")
	assert.Equal(t, string(want), got, "differs from %s (go test -update rewrites it)", path)
}

// A run that the runner had to kill is a timeout, whatever it printed.
func TestKilledRunIsTimeout(t *testing.T) {
	d := diagnose.Classify(diagnose.Input{
		Root: "/r", KataDir: "/r/katas/01-x",
		Run: &runner.Run{Output: "PASS\n", Killed: true, ExitCode: -1},
	})
	assert.Equal(t, verdict.Timeout, d.Kind)
}

// A learner's file that prints a lot must not be read as a crash unless a
// line starts with the runtime's own words.
func TestPrintedPanicWordsAreNotACrash(t *testing.T) {
	d := diagnose.Classify(diagnose.Input{
		Root: "/r", KataDir: "/r/katas/01-x",
		Run: &runner.Run{Output: "log: no panic: here\nPASS\n"},
	})
	assert.Equal(t, verdict.Pass, d.Kind)
}

// go test's own timeout dumps every goroutine; the learner's blocked ones
// are picked out of it.
func TestTestTimeoutIsDeadlock(t *testing.T) {
	out := `panic: test timed out after 40s
	running tests:
		TestKata (40s)

goroutine 7 [chan send]:
example.com/k.Send(...)
	/r/katas/01-x/k.go:12 +0x1d
created by example.com/k.Start in goroutine 6
	/r/katas/01-x/k.go:9 +0x2a

goroutine 1 [chan receive]:
testing.(*T).Run(0xc0000a0000, {0x5e1b2a, 0x8}, 0x5f0d18)
	/usr/local/go/src/testing/testing.go:1750 +0x3ab
`
	d := diagnose.Classify(diagnose.Input{
		Root: "/r", KataDir: "/r/katas/01-x",
		Run: &runner.Run{Output: out, ExitCode: 2},
	})
	require.Equal(t, verdict.Deadlock, d.Kind)
	require.Len(t, d.Blocked, 1)
	assert.Equal(t, "chan send", d.Blocked[0].State)
	assert.Equal(t, "/r/katas/01-x/k.go", d.Blocked[0].At.File)
	assert.Equal(t, 12, d.Blocked[0].At.Line)
	assert.Equal(t, 9, d.Blocked[0].Started.Line)
}

// concurrent map writes is the runtime's own race check: a race, not a panic.
func TestConcurrentMapWritesIsRace(t *testing.T) {
	out := `fatal error: concurrent map writes

goroutine 9 [running]:
example.com/k.(*Cache).Put(...)
	/r/katas/01-x/k.go:20 +0x1d
created by example.com/k.Fill in goroutine 6
	/r/katas/01-x/k.go:31 +0x2a
`
	d := diagnose.Classify(diagnose.Input{
		Root: "/r", KataDir: "/r/katas/01-x",
		Run: &runner.Run{Output: out, ExitCode: 2},
	})
	require.Equal(t, verdict.Race, d.Kind)
	require.Len(t, d.Races, 1)
	require.Len(t, d.Races[0].Accesses, 1)
	assert.Equal(t, 20, d.Races[0].Accesses[0].At.Line)
}

// Ginkgo sometimes leaves its separator unfinished, and the runtime's panic
// message lands on the same line.
func TestPanicAfterAnUnfinishedSeparatorIsAPanic(t *testing.T) {
	out := "------------------------------panic: send on closed channel\n\ngoroutine 9 [running]:\nexample.com/k.Numbered.func1()\n\t/r/katas/01-x/k.go:20 +0x1d\n"
	d := diagnose.Classify(diagnose.Input{
		Root: "/r", KataDir: "/r/katas/01-x",
		Run: &runner.Run{Output: "WARNING: DATA RACE\n==================\n" + out, ExitCode: 2},
	})
	require.Equal(t, verdict.Panic, d.Kind)
	assert.Equal(t, "send on closed channel", d.Message)
	assert.Equal(t, 20, d.At.Line)

	d = diagnose.Classify(diagnose.Input{
		Root: "/r", KataDir: "/r/katas/01-x",
		Run: &runner.Run{Output: "••" + strings.TrimLeft(out, "-"), ExitCode: 2},
	})
	assert.Equal(t, verdict.Panic, d.Kind, "after progress dots")
}

// A race, then a crash on a goroutine Ginkgo does not guard: the race is
// the verdict, the crash what it led to.
func TestCrashAfterARaceIsARace(t *testing.T) {
	out := `racekatas: spec: Cache serves while it reloads
==================
WARNING: DATA RACE
Read at 0x00c000012345 by goroutine 9:
  example.com/k.(*Cache).Get()
      /r/katas/01-x/k.go:20 +0x1d
Previous write at 0x00c000012345 by goroutine 8:
  example.com/k.(*Cache).Reload()
      /r/katas/01-x/k.go:14 +0x2a
Goroutine 9 (running) created at:
  example.com/k.Serve()
      /r/katas/01-x/k.go:30 +0x2a
Goroutine 8 (running) created at:
  example.com/k.Serve()
      /r/katas/01-x/k.go:29 +0x2a
==================
panic: runtime error: invalid memory address or nil pointer dereference
[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x5e1b2a]

goroutine 9 [running]:
example.com/k.(*Cache).Get(...)
	/r/katas/01-x/k.go:20 +0x1d
created by example.com/k.Serve in goroutine 6
	/r/katas/01-x/k.go:30 +0x2a
`
	d := diagnose.Classify(diagnose.Input{
		Root: "/r", KataDir: "/r/katas/01-x", Advice: "kata advice",
		Run: &runner.Run{Output: out, ExitCode: 2},
	})
	require.Equal(t, verdict.Race, d.Kind)
	require.Len(t, d.Races, 1)
	require.NotNil(t, d.Crash)
	assert.Equal(t, "runtime error: invalid memory address or nil pointer dereference", d.Crash.Message)
	assert.Equal(t, 20, d.Crash.At.Line)
	assert.Equal(t, "Cache serves while it reloads", d.Spec)
	assert.Equal(t, "kata advice", d.Advice)
}

// A goroutine dump (go test's own timeout) gives the further calls in the
// learner's files, and goroutines alike are counted once.
func TestTimeoutDumpKeepsTheCallsAndGroups(t *testing.T) {
	g := func(id string) string {
		return "goroutine " + id + ` [sync.Mutex.Lock]:
sync.(*Mutex).Lock(...)
	/usr/local/go/src/sync/mutex.go:46
example.com/k.inner(...)
	/r/katas/01-x/k.go:12 +0x1d
example.com/k.Outer(...)
	/r/katas/01-x/k.go:7 +0x1d
created by example.com/k.Start in goroutine 6
	/r/katas/01-x/k.go:3 +0x2a

`
	}
	out := "panic: test timed out after 40s\n\n" + g("7") + g("8") + g("9")
	d := diagnose.Classify(diagnose.Input{
		Root: "/r", KataDir: "/r/katas/01-x",
		Run: &runner.Run{Output: out, ExitCode: 2},
	})
	require.Equal(t, verdict.Deadlock, d.Kind)
	require.Len(t, d.Blocked, 1)
	assert.Equal(t, 2, d.Blocked[0].Alike)
	require.Len(t, d.Blocked[0].Calls, 1)
	assert.Equal(t, 7, d.Blocked[0].Calls[0].Line)
	assert.Equal(t, "Outer", d.Blocked[0].Calls[0].Func)
}
