package cli

import (
	"fmt"

	"github.com/racekatas/racekatas/harness/internal/pristine"
	"github.com/racekatas/racekatas/harness/internal/state"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

type listCmd struct{}

// Run lists the katas from the cache only: it never runs anything, so it
// answers at once.
func (c *listCmd) Run(a *app) error {
	st := state.Load(a.root)
	sums, _ := pristine.Load(a.root)
	s := a.style
	fmt.Fprintf(a.io.Out, "%-28s %-16s %-13s %-12s %s\n", "KATA", "CHAPTER", "BUG", "STATUS", "TITLE")
	for _, k := range a.m.Katas {
		// Pad before colouring, so colour codes do not upset the columns.
		status := s.Dim(fmt.Sprintf("%-12s", "not yet run"))
		if d, ok := a.cached(k, st); ok {
			if d.Kind == verdict.Pass {
				status = s.Green(fmt.Sprintf("%-12s", "solved"))
			} else {
				status = s.Red(fmt.Sprintf("%-12s", "unsolved"))
			}
		} else if sums.Untouched(a.root, k.Name) {
			status = s.Dim(fmt.Sprintf("%-12s", "not started"))
		}
		fmt.Fprintf(a.io.Out, "%-28s %-16s %-13s %s %s\n", k.Name, k.Chapter, k.Expect, status, k.Title)
	}
	return nil
}
