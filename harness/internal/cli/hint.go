package cli

import (
	"fmt"

	"github.com/racekatas/racekatas/harness/internal/state"
)

type hintCmd struct {
	Name string `arg:"" optional:"" help:"The kata, by name or number (default: the next unsolved)."`
	All  bool   `help:"Show every hint shown so far again, not just the next."`
}

// Run shows hints one step at a time: each call reveals the next, and the
// count is remembered so a learner does not see the answer by accident.
func (c *hintCmd) Run(a *app) error {
	st := state.Load(a.root)
	k, err := a.target(c.Name, st)
	if err != nil {
		return err
	}
	shown := st.Hints[k.Name]
	if shown < len(k.Hints) {
		shown++
	}
	st.Hints[k.Name] = shown
	if err := st.Save(a.root); err != nil {
		return err
	}
	s := a.style
	fmt.Fprintf(a.io.Out, "%s · %s\n\n", s.Bold(k.Name), k.Title)
	first := shown - 1
	if c.All {
		first = 0
	}
	for i := first; i < shown; i++ {
		fmt.Fprintf(a.io.Out, "  %s %s\n", s.Yellow(fmt.Sprintf("Hint %d/%d:", i+1, len(k.Hints))), k.Hints[i])
	}
	fmt.Fprintln(a.io.Out)
	if shown < len(k.Hints) {
		fmt.Fprintf(a.io.Out, "  %s\n", s.Dim("Run the same command again for the next hint."))
	} else {
		fmt.Fprintf(a.io.Out, "  %s\n", s.Dim("That was the last hint. The README's \"What to do\" has the rule."))
	}
	return nil
}
