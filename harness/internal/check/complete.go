package check

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/racekatas/racekatas/harness/internal/diagnose"
	"github.com/racekatas/racekatas/harness/internal/manifest"
	"github.com/racekatas/racekatas/harness/internal/policy"
	"github.com/racekatas/racekatas/harness/internal/runner"
	"github.com/racekatas/racekatas/harness/internal/speclist"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

// policyOff lets this package's tests show what the checks after the build
// catch on their own.
var policyOff bool

// refused is the build error for kata code that breaks the policy (see
// package policy), or drops a //go:build line the solution's file has; false
// when the code may be built.
func refused(dir, solutionDir string, ov map[string]string) (diagnose.Diagnosis, bool) {
	if policyOff {
		return diagnose.Diagnosis{}, false
	}
	files := policy.KataFiles(dir, ov)
	vs := append(policy.Check(files), policy.KeepConstraints(files, solutionDir)...)
	if len(vs) == 0 {
		return diagnose.Diagnosis{}, false
	}
	d := diagnose.Diagnosis{Kind: verdict.BuildError}
	var raw strings.Builder
	for _, v := range vs {
		at := diagnose.Location{File: v.File, Line: v.Line, Source: v.Text}
		d.Problems = append(d.Problems, diagnose.Problem{At: at, Message: v.Message})
		fmt.Fprintf(&raw, "%s:%d: %s\n", v.File, v.Line, v.Message)
	}
	d.At, d.Raw = d.Problems[0].At, raw.String()
	return d, true
}

// completer turns a pass into a wrong result when the run did not run and
// pass every spec of the reference suite (see package speclist). It learns
// the reference once per check, on the first pass.
type completer struct {
	ctx   context.Context
	ref   speclist.Reference
	specs []speclist.Spec
	err   error
	done  bool
}

// newCompleter picks the trusted code for the reference build: grading
// against a pristine tree (DeleteMissing) uses that tree's kata as it is;
// otherwise the reference solution stands in for the kata's code, so that
// nothing the learner wrote decides which specs exist.
func newCompleter(ctx context.Context, m *manifest.Manifest, k manifest.Kata, v Variant) *completer {
	ref := speclist.Reference{Root: m.Root, KataDir: m.Dir(k)}
	if !v.DeleteMissing {
		if st, err := os.Stat(m.SolutionDir(k)); err == nil && st.IsDir() {
			ref.Overlay, _ = Overlay(ref.KataDir, m.SolutionDir(k))
		}
	}
	return &completer{ctx: ctx, ref: ref}
}

func (c *completer) confirm(d diagnose.Diagnosis, r *runner.Run) diagnose.Diagnosis {
	if d.Kind != verdict.Pass {
		return d
	}
	if !c.done {
		c.done = true
		c.specs, c.err = speclist.Learn(c.ctx, c.ref)
		if c.err != nil && c.ref.Overlay != nil {
			// The kata's specs may not build with the solution (a kata
			// reworked since); the kata as it stands built and passed.
			c.ref.Overlay = nil
			c.specs, c.err = speclist.Learn(c.ctx, c.ref)
		}
	}
	if errors.Is(c.err, speclist.ErrNoGinkgo) {
		// Plain Go tests, whose run has no spec report to check; the
		// pristine suite decides this, not the code under test.
		return d
	}
	if c.err != nil {
		return diagnose.Diagnosis{Kind: verdict.WrongResult, Raw: d.Raw,
			Message: "the list of specs to run could not be learned, so the pass cannot be confirmed: " + c.err.Error()}
	}
	gap := speclist.Confirm(c.specs, r.Report)
	if gap.Reason == "" {
		return d
	}
	out := diagnose.Diagnosis{Kind: verdict.WrongResult, Message: gap.Reason, Raw: d.Raw, Failed: d.Failed, Total: d.Total}
	if gap.Spec != nil {
		out.Spec = gap.Spec.Text
		out.SpecAt = diagnose.Location{File: filepath.Join(c.ref.KataDir, gap.Spec.File), Line: gap.Spec.Line}
	}
	return out
}
