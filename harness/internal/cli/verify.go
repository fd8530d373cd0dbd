package cli

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/racekatas/racekatas/harness/internal/verify"
)

type verifyCmd struct {
	Katas []string `arg:"" optional:"" help:"Only these katas (default: all)."`
	Runs  int      `default:"1" help:"Run each case this many times, to count flakes."`
	Jobs  int      `default:"2" help:"Cases built and run at once. Many specs keep several cores busy on purpose (GOMAXPROCS raised, goroutines overlapping), so more cases at once than a machine has cores can push a slow run past a watchdog's bound."`
	JSON  bool     `name:"json" help:"Print the outcomes as JSON."`
	Only  []string `help:"Only the cases whose \"KATA VARIANT\" contains this text (repeatable): --only wrong/ --only alt/." placeholder:"TEXT"`
}

func (c *verifyCmd) Run(a *app) error {
	if c.Runs < 1 || c.Jobs < 1 {
		return usageErr("--runs and --jobs must be at least 1")
	}
	start := time.Now()
	p := newProgress(a.io.Err, a.io.IsTerminal)
	outs, err := verify.Run(a.ctx, a.m, verify.Options{
		Runs: c.Runs, Jobs: c.Jobs, Katas: c.Katas, Only: c.Only, Draft: a.draft,
		Progress: func(done, total int, o verify.Outcome) {
			if a.io.IsTerminal {
				p.set("verifying %d/%d · %s %s", done, total, o.Kata, o.Variant)
				return
			}
			// Not a terminal (CI): one line per case, so a long run is never silent.
			fmt.Fprintf(a.io.Err, "[%d/%d] %s %s: %s\n", done, total, o.Kata, o.Variant, status(o))
		},
	})
	p.stop()
	if err != nil {
		return err
	}
	elapsed := time.Since(start)

	bad, unstable := 0, 0
	for _, o := range outs {
		if !o.OK() {
			bad++
		}
		if o.Unstable {
			unstable++
		}
	}
	if c.JSON {
		enc := json.NewEncoder(a.io.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			Runs     int              `json:"runs"`
			Cases    int              `json:"cases"`
			Failed   int              `json:"failed"`
			Seconds  float64          `json:"seconds"`
			Outcomes []verify.Outcome `json:"outcomes"`
		}{c.Runs, len(outs), bad, elapsed.Seconds(), outs}); err != nil {
			return err
		}
	} else {
		s := a.style
		fmt.Fprintf(a.io.Out, "%-26s %-36s %-13s %-30s %8s %8s\n", "KATA", "VARIANT", "WANT", "GOT", "BUILD", "RUN(MED)")
		for _, o := range outs {
			mark := s.Green("ok")
			switch {
			case o.Unstable:
				mark = s.Red("UNSTABLE")
			case !o.OK():
				mark = s.Red("MISMATCH")
			}
			got := o.Tally()
			if o.Problem != "" {
				got = o.Problem
			}
			fmt.Fprintf(a.io.Out, "%-26s %-36s %-13s %-30s %7.1fs %7.2fs  %s\n",
				o.Kata, o.Variant, o.Want, got, float64(o.BuildMS)/1000, float64(o.MedianMS)/1000, mark)
		}
		katas := map[string]bool{}
		for _, o := range outs {
			katas[o.Kata] = true
		}
		fmt.Fprintf(a.io.Out, "\n%d katas, %d cases × %d runs in %s: ", len(katas), len(outs), c.Runs, elapsed.Round(100*time.Millisecond))
		if bad == 0 {
			fmt.Fprintln(a.io.Out, s.Green("all as intended"))
		} else {
			msg := fmt.Sprintf("%d not as intended", bad)
			if unstable > 0 {
				msg += fmt.Sprintf(", of which %d unstable (not the same verdict in every run)", unstable)
			}
			fmt.Fprintln(a.io.Out, s.Red(msg))
		}
	}
	if bad > 0 {
		return errFailed
	}
	return nil
}

func status(o verify.Outcome) string {
	if o.Problem != "" {
		return "MISMATCH: " + o.Problem
	}
	if o.OK() {
		return o.Tally() + " (ok)"
	}
	if o.Unstable {
		return o.Tally() + " (UNSTABLE, want " + string(o.Want) + " in every run)"
	}
	return o.Tally() + " (MISMATCH, want " + string(o.Want) + ")"
}
