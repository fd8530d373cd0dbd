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

	perChapter := map[string][2]int{} // solved, total
	for _, o := range outs {
		c := perChapter[o.kata.Chapter]
		if o.solved() {
			c[0]++
		}
		c[1]++
		perChapter[o.kata.Chapter] = c
	}
	chapter := ""
	var next *outcome
	for i, o := range outs {
		if o.kata.Chapter != chapter {
			chapter = o.kata.Chapter
			c := perChapter[chapter]
			fmt.Fprintf(w, "%s %s\n", s.Bold(chapter), s.Dim(fmt.Sprintf("%d/%d", c[0], c[1])))
		}
		// Pad before colouring, so colour codes do not upset the columns.
		mark, word, next_ := s.Green("✓"), s.Green(fmt.Sprintf("%-13s", "solved")), ""
		switch {
		case o.err != nil:
			mark, word = s.Red("!"), s.Red(fmt.Sprintf("%-13s", "cannot run"))
			if next == nil {
				next = &outs[i]
				next_ = s.Yellow("  ← next")
			}
		case o.notStarted:
			// No verdict: a kata's bug is for its run to show, not the list.
			mark, word = s.Dim("·"), s.Dim(fmt.Sprintf("%-13s", "not started"))
		case !o.solved():
			mark, word = s.Red("✗"), s.Red(fmt.Sprintf("%-13s", o.d.Kind.Label()))
			if next == nil {
				next = &outs[i]
				next_ = s.Yellow("  ← next")
			}
		}
		fmt.Fprintf(w, "  %s %-28s %s %s%s\n", mark, o.kata.Name, word, o.kata.Title, next_)
	}
	fmt.Fprintln(w)

	if next == nil {
		fmt.Fprintln(w, s.Green("Every kata is solved. Well done!"))
		return nil
	}
	if next.err != nil {
		return &exitError{code: ExitFailed, msg: fmt.Sprintf("%s cannot run: %v", next.kata.Name, next.err)}
	}
	report.WriteDiagnosis(w, s, report.KataRef{Name: next.kata.Name, Root: a.root}, next.d)
	if c.Verbose {
		// The cache keeps no raw output: run it again to show it.
		return (&checkCmd{Name: next.kata.Name, Verbose: true}).Run(a)
	}
	return nil
}
