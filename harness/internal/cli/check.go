package cli

import (
	"fmt"

	"github.com/racekatas/racekatas/harness/internal/manifest"
	"github.com/racekatas/racekatas/harness/internal/report"
	"github.com/racekatas/racekatas/harness/internal/state"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

type checkCmd struct {
	Name    string `arg:"" optional:"" help:"The kata, by name or number (default: the next unsolved)."`
	Verbose bool   `help:"Also print everything the run printed."`
}

func (c *checkCmd) Run(a *app) error {
	st := state.Load(a.root)
	k, err := a.target(c.Name, st)
	if err != nil {
		return err
	}
	ctx, p := slowProgress(a.ctx, a.io.Err, a.io.IsTerminal)
	p.set("checking %s", k.Name)
	d, err := a.checkKata(ctx, k, st)
	p.stop()
	if err != nil {
		return err
	}
	_ = st.Save(a.root)
	if c.Verbose {
		fmt.Fprintln(a.io.Out, a.style.Dim("── raw output ──"))
		fmt.Fprintln(a.io.Out, d.Raw)
		fmt.Fprintln(a.io.Out, a.style.Dim("── diagnosis ──"))
	}
	report.WriteDiagnosis(a.io.Out, a.style, report.KataRef{Name: k.Name, Root: a.root}, d)
	if d.Kind != verdict.Pass {
		return errFailed
	}
	return nil
}

// target is the named kata, or the first one not known to be solved.
func (a *app) target(name string, st *state.State) (manifest.Kata, error) {
	if name != "" {
		return a.find(name)
	}
	if k, ok := a.firstUnsolved(st, ""); ok {
		return k, nil
	}
	return manifest.Kata{}, &exitError{code: ExitOK, msg: "every kata is solved; name one to check it again"}
}
