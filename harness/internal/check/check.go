// Package check runs one kata, or one of its solutions, and diagnoses the
// outcome: the one path that the CLI, the verifier and the grader share.
package check

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/racekatas/racekatas/harness/internal/diagnose"
	"github.com/racekatas/racekatas/harness/internal/manifest"
	"github.com/racekatas/racekatas/harness/internal/runner"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

// Variant is what is put in the kata's place: the learner's own files, the
// solution, or one of the wrong fixes.
type Variant struct {
	Name string // "kata", "solution", "wrong/LABEL" or "learner"
	Dir  string // folder whose .go files replace the kata's; "" for the kata itself
	// DeleteMissing hides the kata's non-test files that Dir lacks, so the
	// build sees exactly Dir's files (grading a learner's tree against
	// pristine specs: a file the learner deleted stays deleted).
	DeleteMissing bool
}

// KataVariant is the kata as it stands in the learner's tree.
var KataVariant = Variant{Name: "kata"}

// Variants lists the kata, its solution, its wrong fixes and its correct
// alternatives, as the verifier runs them.
func Variants(m *manifest.Manifest, k manifest.Kata) []Variant {
	vs := []Variant{KataVariant, {Name: "solution", Dir: m.SolutionDir(k)}}
	for _, w := range k.Wrong {
		vs = append(vs, Variant{Name: "wrong/" + w.Label, Dir: m.WrongDir(k, w)})
	}
	for _, label := range m.Alts(k) {
		vs = append(vs, Variant{Name: "alt/" + label, Dir: m.AltDir(k, label)})
	}
	return vs
}

// Overlay maps each non-test Go file of replDir onto the file of the same
// name in kataDir. Files the kata has and replDir lacks stay as they are.
func Overlay(kataDir, replDir string) (map[string]string, error) {
	if replDir == "" {
		return nil, nil
	}
	entries, err := os.ReadDir(replDir)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", replDir, err)
	}
	ov := map[string]string{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		ov[filepath.Join(kataDir, name)] = filepath.Join(replDir, name)
	}
	if len(ov) == 0 {
		return nil, fmt.Errorf("%s holds no Go files", replDir)
	}
	return ov, nil
}

// Options bound and repeat a check.
type Options struct {
	Runs         int           // how many times to run one build; 0 means 1
	BuildTimeout time.Duration // 0: runner.DefaultBuildTimeout
	RunTimeout   time.Duration // 0: runner.DefaultRunTimeout
	// FailFast ends a suite at its first DEADLOCK: a learner gets the
	// verdict in one watchdog bound. The verifier and the grader leave it
	// off, so that every spec runs and the verdict does not depend on order.
	FailFast bool
	// Confirm runs the build this many more times after a pass, under
	// the GOMAXPROCS values of ConfirmProcs in turn, and stops at the first
	// run that does not pass: a bug that shows in most runs but not all
	// cannot be recorded as solved on one lucky run. Diagnose returns that
	// failing run.
	Confirm int
}

// DefaultConfirm is how many runs confirm a pass for the CLI and the grader
// (see harness/bench/speed.sh for what it costs and what it catches).
const DefaultConfirm = 4

// ConfirmProcs are the GOMAXPROCS values confirmation runs use in turn: one
// P serialises goroutines and preempts them only at scheduling points, more
// Ps than cores adds preemptions the default never makes; both reorder the
// code under test differently from the first run.
var ConfirmProcs = []string{"1", "8", "", "2"}

// Result is one build of a variant and the diagnosis of each run of it.
type Result struct {
	Build     runner.Build
	Runs      []diagnose.Diagnosis
	Durations []time.Duration
}

// Phase is what a check is doing, for progress displays.
type Phase string

// The phases of a check.
const (
	Building Phase = "building"
	Running  Phase = "running"
)

type phaseKey struct{}

// WithPhases returns a context whose checks call report as they move from
// building to running (from the goroutine that runs the check).
func WithPhases(ctx context.Context, report func(kata string, p Phase)) context.Context {
	return context.WithValue(ctx, phaseKey{}, report)
}

// ReportPhase tells the context's phase reporter, if any, that the check of
// kata has reached p.
func ReportPhase(ctx context.Context, kata string, p Phase) {
	if report, ok := ctx.Value(phaseKey{}).(func(string, Phase)); ok {
		report(kata, p)
	}
}

// Run builds the variant of kata k once and runs it opts.Runs times.
func Run(ctx context.Context, m *manifest.Manifest, k manifest.Kata, v Variant, opts Options) (Result, error) {
	dir := m.Dir(k)
	if _, err := os.Stat(dir); err != nil {
		return Result{}, fmt.Errorf("the folder katas/%s is missing; `git checkout -- katas/%s` restores it", k.Name, k.Name)
	}
	ov, err := Overlay(dir, v.Dir)
	if err != nil {
		return Result{}, err
	}
	if v.DeleteMissing {
		own, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range own {
			if _, replaced := ov[f]; !replaced && !strings.HasSuffix(f, "_test.go") {
				ov[f] = "" // an empty replacement hides the file from the build
			}
		}
	}
	if d, bad := refused(dir, m.SolutionDir(k), ov); bad {
		return Result{Build: runner.Build{Failed: true, Output: d.Raw}, Runs: []diagnose.Diagnosis{d}, Durations: []time.Duration{0}}, nil
	}
	scratch, err := os.MkdirTemp("", "racekatas-")
	if err != nil {
		return Result{}, err
	}
	defer os.RemoveAll(scratch)

	target := runner.Target{Root: m.Root, Dir: dir, Overlay: ov}
	ReportPhase(ctx, k.Name, Building)
	b, err := runner.Compile(ctx, target, binDir(scratch, dir, v), opts.BuildTimeout)
	if err != nil {
		return Result{}, err
	}
	in := diagnose.Input{Root: m.Root, KataDir: dir, Overlay: ov, Build: b, Advice: k.Advice}
	res := Result{Build: b}
	if b.Failed {
		res.Runs = []diagnose.Diagnosis{diagnose.Classify(in)}
		res.Durations = []time.Duration{b.Duration}
		return res, nil
	}
	ReportPhase(ctx, k.Name, Running)
	complete := newCompleter(ctx, m, k, v)
	execute := func(extra ...string) (diagnose.Diagnosis, error) {
		var env []string
		if opts.FailFast {
			env = append(env, runner.FailFastEnv+"=1")
		}
		r, err := runner.Execute(ctx, b.Binary, dir, scratch, opts.RunTimeout, append(env, extra...)...)
		if err != nil {
			return diagnose.Diagnosis{}, err
		}
		in.Run = &r
		d := complete.confirm(diagnose.Classify(in), &r)
		res.Runs = append(res.Runs, d)
		res.Durations = append(res.Durations, r.Duration)
		return d, nil
	}
	var last diagnose.Diagnosis
	for range max(opts.Runs, 1) {
		if last, err = execute(); err != nil {
			return res, err
		}
	}
	for i := 0; i < opts.Confirm && last.Kind == verdict.Pass; i++ {
		var env []string
		if procs := ConfirmProcs[i%len(ConfirmProcs)]; procs != "" {
			env = append(env, "GOMAXPROCS="+procs)
		}
		if last, err = execute(env...); err != nil {
			return res, err
		}
	}
	return res, nil
}

// Verdict is the diagnosis that stands for a whole result: the first run
// that did not pass, or the first run when all passed.
func (r Result) Verdict() diagnose.Diagnosis {
	for _, d := range r.Runs {
		if d.Kind != verdict.Pass {
			return d
		}
	}
	return r.Runs[0]
}

// Diagnose builds and runs a variant once (and opts.Confirm more times after
// a pass) and returns the diagnosis that stands.
func Diagnose(ctx context.Context, m *manifest.Manifest, k manifest.Kata, v Variant, opts Options) (diagnose.Diagnosis, error) {
	opts.Runs = 1
	res, err := Run(ctx, m, k, v, opts)
	if err != nil {
		return diagnose.Diagnosis{}, err
	}
	return res.Verdict(), nil
}

// Median of durations, for reports.
func Median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

// binDir is where a variant's test binary is built: one stable folder per
// kata and variant, so that `go test -c` finds its last binary up to date
// and skips the link (about 0.8 s of a 1.2 s check). Builds of one variant
// must not run at once; the CLI and the verifier never start two.
func binDir(scratch, kataDir string, v Variant) string {
	base, err := os.UserCacheDir()
	if err != nil {
		return scratch
	}
	h := sha256.Sum256([]byte(kataDir + "\x00" + v.Name + "\x00" + v.Dir))
	dir := filepath.Join(base, "racekatas", "bin", hex.EncodeToString(h[:8]))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return scratch
	}
	return dir
}
