package cli

import (
	"fmt"

	"github.com/racekatas/racekatas/harness/internal/report"
	"github.com/racekatas/racekatas/harness/internal/state"
)

type statusCmd struct {
	Fresh   bool `help:"Ignore cached results and run every kata again."`
	Verbose bool `help:"Also print the raw output of the next unsolved kata."`
}

func (c *statusCmd) Run(a *app) error {
	st := state.Load(a.root)
	outs := a.evaluate(a.m.Katas, st, c.Fresh)
	s := a.style
	w := a.io.Out

	solved := 0
	for _, o := range outs {
		if o.solved() {
			solved++
		}
	}
	fmt.Fprintf(w, "%s %d/%d solved\n\n", bar(solved, len(outs), 24), solved, len(outs))

	chapter := ""
	var next *outcome
	for i, o := range outs {
		if o.kata.Chapter != chapter {
			chapter = o.kata.Chapter
			fmt.Fprintf(w, "%s\n", s.Bold(chapter))
		}
		mark, note := s.Green("✓"), ""
		switch {
		case o.err != nil:
			mark, note = s.Red("!"), s.Red(o.err.Error())
		case !o.solved():
			mark, note = s.Red("✗"), s.Dim(o.d.Kind.Label())
			if next == nil {
				next = &outs[i]
				note += s.Yellow("  ← next")
			}
		}
		fmt.Fprintf(w, "  %s %-28s %s  %s\n", mark, o.kata.Name, o.kata.Title, note)
	}
	fmt.Fprintln(w)

	if next == nil {
		fmt.Fprintln(w, s.Green("Every kata is solved. Well done!"))
		return nil
	}
	if next.err != nil {
		return fmt.Errorf("%s: %v", next.kata.Name, next.err)
	}
	report.WriteDiagnosis(w, s, report.KataRef{Name: next.kata.Name, Root: a.root}, next.d)
	if c.Verbose {
		// The cache keeps no raw output: run it again to show it.
		return (&checkCmd{Name: next.kata.Name, Verbose: true}).Run(a)
	}
	return nil
}
