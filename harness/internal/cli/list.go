package cli

import (
	"fmt"
	"strings"

	"github.com/racekatas/racekatas/harness/internal/state"
)

type listCmd struct{}

// Run lists the katas from the cache only: it never runs anything, so it
// answers at once.
func (c *listCmd) Run(a *app) error {
	st := state.Load(a.root)
	s := a.style
	fmt.Fprintf(a.io.Out, "%-28s %-16s %-13s %-12s %s\n", "KATA", "CHAPTER", "BUG", "STATUS", "TITLE")
	for _, k := range a.m.Katas {
		status := s.Dim("not yet run")
		pad := 12 - len("not yet run")
		if hash, err := state.Hash(a.root, a.m.Dir(k)); err == nil {
			if d, ok := st.Lookup(k.Name, hash); ok {
				if d.Kind == "pass" {
					status, pad = s.Green("solved"), 12-len("solved")
				} else {
					status, pad = s.Red("unsolved"), 12-len("unsolved")
				}
			}
		}
		fmt.Fprintf(a.io.Out, "%-28s %-16s %-13s %s%s %s\n", k.Name, k.Chapter, k.Expect, status, strings.Repeat(" ", max(pad, 0)), k.Title)
	}
	return nil
}
