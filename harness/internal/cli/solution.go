package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pmezard/go-difflib/difflib"

	"github.com/racekatas/racekatas/harness/internal/check"
	"github.com/racekatas/racekatas/harness/internal/manifest"
	"github.com/racekatas/racekatas/harness/internal/pristine"
	"github.com/racekatas/racekatas/harness/internal/state"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

type solutionCmd struct {
	Name  string `arg:"" help:"The kata."`
	Force bool   `help:"Show it even though you have not solved the kata yet."`
}

// Run shows the reference solution and how it differs from the learner's
// file. Before the kata is solved it refuses, unless --force: reading the
// answer first teaches little.
func (c *solutionCmd) Run(a *app) error {
	k, err := a.find(c.Name)
	if err != nil {
		return err
	}
	st := state.Load(a.root)
	if !c.Force {
		if d, ok := a.cached(k, st); !ok || d.Kind != verdict.Pass {
			return &exitError{code: ExitFailed, msg: fmt.Sprintf(
				"%s is not solved yet (as of its last check). Solve it first, or look anyway with --force.\n"+
					"A hint is gentler: %s hint %s", k.Name, manifest.Command(a.root), k.Name)}
		}
	}
	ov, err := check.Overlay(a.m.Dir(k), a.m.SolutionDir(k))
	if err != nil {
		return err
	}
	kataFiles := make([]string, 0, len(ov))
	for kf := range ov {
		kataFiles = append(kataFiles, kf)
	}
	sort.Strings(kataFiles)
	s := a.style
	for _, kf := range kataFiles {
		sol, err := os.ReadFile(ov[kf])
		if err != nil {
			return err
		}
		mine, _ := os.ReadFile(kf) // a missing file diffs as empty
		// Compare lines, not line endings: a CRLF checkout or editor would
		// otherwise make every line differ.
		sol, mine = pristine.Normalize(sol), pristine.Normalize(mine)
		solRel, _ := filepath.Rel(a.root, ov[kf])
		mineRel, _ := filepath.Rel(a.root, kf)
		fmt.Fprintf(a.io.Out, "%s\n\n%s\n", s.Bold("── "+filepath.ToSlash(solRel)+" ──"), string(sol))
		diff, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
			A: difflib.SplitLines(string(mine)), B: difflib.SplitLines(string(sol)),
			FromFile: filepath.ToSlash(mineRel) + " (yours)", ToFile: filepath.ToSlash(solRel),
			Context: 2,
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(a.io.Out, "%s\n", s.Bold("── from your file to the solution ──"))
		if diff == "" {
			fmt.Fprintln(a.io.Out, "(identical)")
			continue
		}
		for _, line := range strings.SplitAfter(diff, "\n") {
			switch {
			case strings.HasPrefix(line, "+++"), strings.HasPrefix(line, "---"):
				fmt.Fprint(a.io.Out, s.Bold(line))
			case strings.HasPrefix(line, "+"):
				fmt.Fprint(a.io.Out, s.Green(line))
			case strings.HasPrefix(line, "-"):
				fmt.Fprint(a.io.Out, s.Red(line))
			case strings.HasPrefix(line, "@@"):
				fmt.Fprint(a.io.Out, s.Cyan(line))
			default:
				fmt.Fprint(a.io.Out, line)
			}
		}
	}
	fmt.Fprintf(a.io.Out, "\n%s\n", s.Dim("The tempting wrong fixes, and why each fails, are in solutions/"+k.Name+"/wrong/."))
	return nil
}
