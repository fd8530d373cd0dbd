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
}

// Result is one build of a variant and the diagnosis of each run of it.
type Result struct {
	Build     runner.Build
	Runs      []diagnose.Diagnosis
	Durations []time.Duration
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
	scratch, err := os.MkdirTemp("", "racekatas-")
	if err != nil {
		return Result{}, err
	}
	defer os.RemoveAll(scratch)

	target := runner.Target{Root: m.Root, Dir: dir, Overlay: ov}
	b, err := runner.Compile(ctx, target, binDir(scratch, dir, v), opts.BuildTimeout)
	if err != nil {
		return Result{}, err
	}
	in := diagnose.Input{Root: m.Root, KataDir: dir, Overlay: ov, Build: b}
	res := Result{Build: b}
	if b.Failed {
		res.Runs = []diagnose.Diagnosis{diagnose.Classify(in)}
		res.Durations = []time.Duration{b.Duration}
		return res, nil
	}
	runs := max(opts.Runs, 1)
	for range runs {
		var env []string
		if opts.FailFast {
			env = append(env, runner.FailFastEnv+"=1")
		}
		r, err := runner.Execute(ctx, b.Binary, dir, scratch, opts.RunTimeout, env...)
		if err != nil {
			return res, err
		}
		in.Run = &r
		res.Runs = append(res.Runs, diagnose.Classify(in))
		res.Durations = append(res.Durations, r.Duration)
	}
	return res, nil
}

// Diagnose builds and runs a variant once and returns the diagnosis.
func Diagnose(ctx context.Context, m *manifest.Manifest, k manifest.Kata, v Variant, opts Options) (diagnose.Diagnosis, error) {
	opts.Runs = 1
	res, err := Run(ctx, m, k, v, opts)
	if err != nil {
		return diagnose.Diagnosis{}, err
	}
	return res.Runs[0], nil
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
