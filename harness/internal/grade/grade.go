// Package grade scores a learner's tree: one verdict per kata, points from
// the manifest, and the evidence in formats for people (text, a GitHub step
// summary) and machines (JSON, JUnit, the GitHub Classroom result).
//
// Grading can be made tamper-proof: with a pristine checkout of the
// upstream repository (SpecsFrom), every kata is built from the pristine
// specs, suite files, manifest and harness, with only the learner's non-test
// Go files put in place through an overlay. Editing a spec then changes
// nothing. Without it, specs that differ from their pristine checksums are
// reported, kata by kata.
package grade

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/racekatas/racekatas/harness/internal/check"
	"github.com/racekatas/racekatas/harness/internal/diagnose"
	"github.com/racekatas/racekatas/harness/internal/manifest"
	"github.com/racekatas/racekatas/harness/internal/pool"
	"github.com/racekatas/racekatas/harness/internal/pristine"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

// CheckFunc builds, runs and diagnoses one variant of a kata.
type CheckFunc func(ctx context.Context, m *manifest.Manifest, k manifest.Kata, v check.Variant) (diagnose.Diagnosis, error)

// RealCheck is the CheckFunc used outside tests.
func RealCheck(ctx context.Context, m *manifest.Manifest, k manifest.Kata, v check.Variant) (diagnose.Diagnosis, error) {
	return check.Diagnose(ctx, m, k, v, check.Options{Confirm: check.DefaultConfirm})
}

// Options control a grading.
type Options struct {
	Learner   string // the learner's tree (repository root)
	SpecsFrom string // a pristine checkout to take specs and harness from; "" grades the tree as it is
	Jobs      int    // katas run at once; 0 means 2
	Check     CheckFunc
}

// Result is one kata's grade.
type Result struct {
	Kata      string             `json:"kata"`
	Title     string             `json:"title"`
	Chapter   string             `json:"chapter"`
	Verdict   verdict.Kind       `json:"verdict"`            // "error" kinds are reported as Problem
	Points    int                `json:"points"`             // earned
	MaxPoints int                `json:"maxPoints"`          // possible
	Problem   string             `json:"problem,omitempty"`  // the kata could not be graded (missing folder...)
	Tampered  []string           `json:"tampered,omitempty"` // spec files that differ from pristine
	Changed   bool               `json:"changed,omitempty"`  // the learner's code differs from the pristine kata's
	Duration  time.Duration      `json:"-"`
	Diagnosis diagnose.Diagnosis `json:"-"`
}

// Passed reports whether the kata earned its points.
func (r Result) Passed() bool { return r.Problem == "" && r.Verdict == verdict.Pass }

// Report is a whole grading.
type Report struct {
	Results   []Result      `json:"katas"`
	Points    int           `json:"points"`
	MaxPoints int           `json:"maxPoints"`
	Tamper    bool          `json:"tamperProof"` // graded against pristine specs
	Root      string        `json:"-"`           // the tree whose paths reports show (pristine root with SpecsFrom)
	Duration  time.Duration `json:"-"`
}

// Grade scores every kata of the manifest.
func Grade(ctx context.Context, opts Options) (*Report, error) {
	if opts.Check == nil {
		opts.Check = RealCheck
	}
	learner, err := filepath.Abs(opts.Learner)
	if err != nil {
		return nil, err
	}
	var (
		m    *manifest.Manifest
		sums pristine.Sums
	)
	if opts.SpecsFrom != "" {
		// The pristine tree decides what is graded and how: a broken one is
		// an error, never a score.
		m, err = manifest.Load(opts.SpecsFrom)
		if err != nil {
			return nil, fmt.Errorf("the pristine checkout %s cannot be used: %w", opts.SpecsFrom, err)
		}
	} else {
		m, err = manifest.Load(learner)
		if err != nil {
			return nil, err
		}
		// Missing sums only cost the tamper warnings.
		sums, _ = pristine.Load(learner)
	}

	start := time.Now()
	rep := &Report{Tamper: opts.SpecsFrom != "", Root: m.Root, Results: make([]Result, len(m.Katas))}
	gradeOne := func(i int) {
		k := m.Katas[i]
		r := Result{Kata: k.Name, Title: k.Title, Chapter: k.Chapter, MaxPoints: k.Weight()}
		kataStart := time.Now()
		defer func() {
			r.Duration = time.Since(kataStart)
			rep.Results[i] = r
		}()
		learnerDir := filepath.Join(learner, "katas", k.Name)
		if st, err := os.Stat(learnerDir); err != nil || !st.IsDir() {
			r.Problem = fmt.Sprintf("the folder katas/%s is missing", k.Name)
			return
		}
		v := check.KataVariant
		if opts.SpecsFrom != "" {
			v = check.Variant{Name: "learner", Dir: learnerDir, DeleteMissing: true}
			ref, _ := pristine.Compute(opts.SpecsFrom, []string{k.Name})
			r.Changed = changed(learner, k.Name, ref)
		} else {
			r.Tampered = tampered(learner, k.Name, sums)
			r.Changed = changed(learner, k.Name, sums)
		}
		d, err := opts.Check(ctx, m, k, v)
		if err != nil {
			r.Problem = err.Error()
			return
		}
		r.Verdict, r.Diagnosis = d.Kind, d
		if r.Passed() {
			r.Points = r.MaxPoints
		}
	}
	pool.Each(ctx, len(m.Katas), opts.Jobs, gradeOne)

	for _, r := range rep.Results {
		rep.Points += r.Points
		rep.MaxPoints += r.MaxPoints
	}
	rep.Duration = time.Since(start)
	return rep, ctx.Err()
}

// tampered lists a kata's test files whose content differs from the
// pristine checksums (or that are not recorded at all).
func tampered(root, kata string, sums pristine.Sums) []string {
	if sums == nil {
		return nil
	}
	var out []string
	recorded := map[string]bool{}
	for _, p := range sums.Kata(kata) {
		if !strings.HasSuffix(p, "_test.go") {
			continue
		}
		recorded[p] = true
		data, err := os.ReadFile(filepath.Join(root, p))
		if err != nil || pristine.Hash(data) != sums[p] {
			out = append(out, p)
		}
	}
	files, _ := filepath.Glob(filepath.Join(root, "katas", kata, "*_test.go"))
	for _, f := range files {
		p := filepath.ToSlash(filepath.Join("katas", kata, filepath.Base(f)))
		if !recorded[p] {
			out = append(out, p)
		}
	}
	return out
}

// changed reports whether the kata's code (its non-test Go files) in root
// differs from ref's: the learner has worked on it. Without ref, nothing
// counts as changed.
func changed(root, kata string, ref pristine.Sums) bool {
	if ref == nil {
		return false
	}
	cur, err := pristine.Compute(root, []string{kata})
	if err != nil {
		return false
	}
	code := func(s pristine.Sums) pristine.Sums {
		out := pristine.Sums{}
		for _, p := range s.Kata(kata) {
			if strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
				out[p] = s[p]
			}
		}
		return out
	}
	return len(pristine.Diff(code(ref), code(cur))) > 0
}
