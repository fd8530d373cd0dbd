package cli

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/racekatas/racekatas/harness/internal/check"
	"github.com/racekatas/racekatas/harness/internal/diagnose"
	"github.com/racekatas/racekatas/harness/internal/grade"
	"github.com/racekatas/racekatas/harness/internal/manifest"
)

type gradeCmd struct {
	Format          string `default:"text" enum:"text,markdown,json,junit,classroom" help:"What to print: text, markdown, json, junit or classroom (the base64 result for GitHub Classroom)."`
	SpecsFrom       string `placeholder:"DIR" help:"Grade against the specs, manifest and harness of this pristine checkout, using only your non-test Go files."`
	Summary         string `placeholder:"FILE" help:"Also append the markdown summary to FILE (e.g. \"$GITHUB_STEP_SUMMARY\")."`
	JUnit           string `name:"junit" placeholder:"FILE" help:"Also write a JUnit XML report to FILE."`
	ClassroomOutput string `placeholder:"FILE" help:"Also append result=<base64> for the GitHub Classroom reporter to FILE (e.g. \"$GITHUB_OUTPUT\")."`
}

// Run grades every kata once and writes every requested format from that
// one grading. The exit code is 0 only when every kata is solved.
func (c *gradeCmd) Run(a *app) error {
	p := newProgress(a.io.Err, a.io.IsTerminal)
	p.set("grading (the first run builds Ginkgo and the race runtime: about two minutes)")
	rep, err := grade.Grade(a.ctx, grade.Options{
		Learner:   a.root,
		SpecsFrom: c.SpecsFrom,
		Check:     a.gradeCheck(),
	})
	p.stop()
	if err != nil {
		// Classroom records nothing for a run without a result: say why
		// the grading stopped, as a result in error.
		c.writeError(a, err)
		return &exitError{code: ExitUsage, msg: err.Error()}
	}
	if err := grade.Write(a.io.Out, c.Format, rep); err != nil {
		return err
	}
	if c.Summary != "" {
		if err := appendTo(c.Summary, func(f *os.File) error { return grade.Markdown(f, rep) }); err != nil {
			return err
		}
	}
	if c.JUnit != "" {
		f, err := os.Create(c.JUnit)
		if err != nil {
			return err
		}
		err = grade.JUnit(f, rep)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	if c.ClassroomOutput != "" {
		res, err := grade.Classroom(rep)
		if err != nil {
			return err
		}
		if err := appendTo(c.ClassroomOutput, func(f *os.File) error {
			_, err := fmt.Fprintf(f, "result=%s\n", res)
			return err
		}); err != nil {
			return err
		}
	}
	if a.io.Getenv("GITHUB_ACTIONS") == "true" {
		// On stderr, which the runner reads as well: stdout carries the
		// report, and a machine format must stay parseable.
		grade.Annotations(a.io.Err, rep)
	}
	if c.Format != "text" {
		for _, r := range rep.Results {
			if len(r.Tampered) > 0 {
				fmt.Fprintf(a.io.Err, "kata: warning: %s: %s differ from the pristine specs\n", r.Kata, strings.Join(r.Tampered, ", "))
			}
		}
	}
	if rep.Points < rep.MaxPoints {
		return errFailed
	}
	return nil
}

// writeError writes the Classroom result of a grading that could not
// finish, where a result was asked for.
func (c *gradeCmd) writeError(a *app, cause error) {
	maxPoints := 0
	if a.m != nil {
		for _, k := range a.m.Katas {
			maxPoints += k.Weight()
		}
	}
	res, err := grade.ClassroomError(cause.Error(), maxPoints)
	if err != nil {
		return
	}
	if c.Format == "classroom" {
		fmt.Fprintln(a.io.Out, res)
	}
	if c.ClassroomOutput != "" {
		_ = appendTo(c.ClassroomOutput, func(f *os.File) error {
			_, err := fmt.Fprintf(f, "result=%s\n", res)
			return err
		})
	}
	if c.Summary != "" {
		_ = appendTo(c.Summary, func(f *os.File) error {
			_, err := fmt.Fprintf(f, "## racekatas: grading stopped\n\n```\n%s\n```\n", strings.ReplaceAll(cause.Error(), "```", "'''"))
			return err
		})
	}
}

// gradeCheck adapts the command's kata check (real, or a test's fake) to
// grading, which may swap the learner's files into a pristine tree.
func (a *app) gradeCheck() grade.CheckFunc {
	if a.io.GradeCheck != nil {
		return a.io.GradeCheck
	}
	return func(ctx context.Context, m *manifest.Manifest, k manifest.Kata, v check.Variant) (diagnose.Diagnosis, error) {
		if v.Dir == "" {
			return a.io.Check(ctx, m, k)
		}
		return grade.RealCheck(ctx, m, k, v)
	}
}

func appendTo(path string, write func(*os.File) error) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
