package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/racekatas/racekatas/harness/internal/mutate"
)

type mutateCmd struct {
	Katas    []string      `arg:"" optional:"" help:"Only these katas (default: all)."`
	Runs     int           `default:"5" help:"Run the specs this many times on each mutant; a mutant is killed when any run fails."`
	Jobs     int           `default:"2" help:"Mutants built and run at once."`
	Only     string        `help:"Only the mutants whose ID contains this." placeholder:"TEXT"`
	List     bool          `help:"List the mutants and what each changes, without running them."`
	Show     string        `help:"Print what the mutant with this ID changes in the solution, without running it." placeholder:"ID"`
	JSON     bool          `name:"json" help:"Print the report as JSON (every mutant and its verdicts)."`
	Markdown bool          `help:"Print the report as markdown."`
	Write    string        `help:"Merge the katas run into this report file (markdown), e.g. katas/MUTATION.md." placeholder:"FILE"`
	Changed  string        `help:"Only the katas whose files changed since this report file recorded them (for CI)." placeholder:"FILE"`
	MaxTime  time.Duration `help:"Start no mutant after this long; the rest are reported as not run (0: no limit)." placeholder:"DURATION"`
	Strict   bool          `help:"Also fail when a mutant is killed in some runs only."`
}

func (c *mutateCmd) Run(a *app) error {
	if c.Runs < 1 || c.Jobs < 1 {
		return usageErr("--runs and --jobs must be at least 1")
	}
	if c.List || c.Show != "" {
		return c.list(a)
	}
	if c.Write != "" && c.Only != "" {
		return usageErr("--write records whole katas; it cannot be used with --only")
	}
	katas := c.Katas
	if c.Changed != "" {
		if len(katas) > 0 {
			return usageErr("--changed picks the katas itself; name none")
		}
		old, err := mutate.ReadFile(c.path(a, c.Changed))
		if err != nil {
			return err
		}
		if old == nil {
			fmt.Fprintf(a.io.Err, "kata mutate: no report at %s; nothing to compare with (make it with `%s`)\n", c.Changed, mutate.Command)
			return nil
		}
		changed, uncovered, err := mutate.Changed(a.m, old)
		if err != nil {
			return err
		}
		if len(uncovered) > 0 {
			fmt.Fprintf(a.io.Err, "kata mutate: %s has no row for %d katas (%s); they are not run here\n",
				c.Changed, len(uncovered), strings.Join(uncovered, ", "))
		}
		if len(changed) == 0 {
			fmt.Fprintf(a.io.Err, "kata mutate: no kata changed since %s\n", c.Changed)
			return nil
		}
		fmt.Fprintf(a.io.Err, "kata mutate: changed since %s: %s\n", c.Changed, strings.Join(changed, ", "))
		katas = changed
	}

	p := newProgress(a.io.Err, a.io.IsTerminal)
	rep, err := mutate.Run(a.ctx, a.m, mutate.Options{
		Runs: c.Runs, Jobs: c.Jobs, Katas: katas, Only: c.Only, MaxTime: c.MaxTime,
		Progress: func(done, total int, r mutate.Result) {
			if a.io.IsTerminal {
				p.set("mutating %d/%d · %s %s", done, total, r.Kata, r.ID)
				return
			}
			fmt.Fprintf(a.io.Err, "[%d/%d] %s %s: %s\n", done, total, r.Kata, r.ID, resultWord(r))
		},
	})
	p.stop()
	if err != nil {
		return err
	}

	if c.Write != "" {
		path := c.path(a, c.Write)
		old, err := mutate.ReadFile(path)
		if err != nil {
			return err
		}
		var b bytes.Buffer
		if err := mutate.WriteMarkdown(&b, mutate.Merge(a.m, old, rep)); err != nil {
			return err
		}
		tmp := path + ".tmp"
		if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
			return err
		}
		if err := os.Rename(tmp, path); err != nil {
			return err
		}
	}
	switch {
	case c.JSON:
		enc := json.NewEncoder(a.io.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	case c.Markdown:
		if err := mutate.WriteMarkdown(a.io.Out, rep); err != nil {
			return err
		}
	default:
		c.table(a, rep)
	}
	if rep.Failed(c.Strict) {
		return errFailed
	}
	return nil
}

// path resolves a file named on the command line against the working
// directory, as a shell user means it.
func (c *mutateCmd) path(a *app, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(a.io.Dir, p)
}

func resultWord(r mutate.Result) string {
	switch {
	case r.Weak():
		return "WEAK " + r.Tally()
	case r.Status == mutate.Killed:
		return "killed " + r.Tally()
	case r.Status == mutate.Survived:
		return "SURVIVED " + r.Tally()
	case r.Problem != "":
		return string(r.Status) + ": " + r.Problem
	}
	return string(r.Status)
}

// table prints one line per mutant that was not killed in every run, then
// one line per kata and the total.
func (c *mutateCmd) table(a *app, rep *mutate.Report) {
	s := a.style
	out := a.io.Out
	for _, k := range rep.Katas {
		for _, r := range k.Results {
			var word string
			switch {
			case r.Status == mutate.Survived:
				word = s.Red("SURVIVED")
			case r.Weak():
				word = s.Red("WEAK") + " " + r.Tally()
			case r.Status == mutate.Invalid || r.Status == mutate.Error || r.Status == mutate.Skipped:
				word = string(r.Status) + ": " + r.Problem
			default:
				continue
			}
			fmt.Fprintf(out, "%-24s %-52s %s:%d %s\n  %s\n", k.Kata, r.ID, r.File, r.Line, word, r.Desc)
		}
	}
	fmt.Fprintf(out, "\n%-26s %7s %7s %5s %8s %6s %7s %6s %8s\n", "KATA", "MUTANTS", "KILLED", "WEAK", "SURVIVED", "EQUIV", "INVALID", "SCORE", "TIME")
	row := func(k mutate.KataReport) {
		score := "-"
		if sc, ok := k.Score(); ok {
			score = fmt.Sprintf("%.0f%%", 100*sc)
		}
		fmt.Fprintf(out, "%-26s %7d %7d %5d %8d %6d %7d %6s %7.0fs\n",
			k.Kata, k.Mutants, k.Killed, k.Weak, k.Survived, k.Equivalent, k.Invalid, score, k.Seconds)
	}
	for _, k := range rep.Katas {
		row(k)
	}
	t := rep.Total()
	row(t)
	fmt.Fprintf(out, "\n%d mutants × %d runs in %s (wall); ", t.Mutants, rep.Runs, (time.Duration(rep.Seconds * float64(time.Second))).Round(time.Second))
	switch {
	case rep.Failed(c.Strict):
		fmt.Fprintln(out, s.Red(fmt.Sprintf("%d survived, %d weak, %d not run", t.Survived, t.Weak, t.Errors+t.Skipped)))
	default:
		fmt.Fprintln(out, s.Green("no survivor"))
	}
}

// list prints the mutants of the katas without running them (--list), or
// what one mutant changes (--show).
func (c *mutateCmd) list(a *app) error {
	katas := c.Katas
	if len(katas) == 0 {
		for _, k := range a.m.Katas {
			katas = append(katas, k.Name)
		}
	}
	found := false
	for _, name := range katas {
		k, err := a.find(name)
		if err != nil {
			return err
		}
		rs, err := mutate.Mutants(a.m, k)
		if err != nil {
			return err
		}
		for _, r := range rs {
			if c.Show != "" {
				if r.ID != c.Show {
					continue
				}
				found = true
				orig, err := os.ReadFile(filepath.Join(a.m.SolutionDir(k), r.File))
				if err != nil {
					return err
				}
				fmt.Fprintf(a.io.Out, "%s %s (solutions/%s/%s:%d): %s\n", k.Name, r.ID, k.Name, r.File, r.Line, r.Desc)
				fmt.Fprint(a.io.Out, mutate.Diff(orig, r.Src))
				continue
			}
			if c.Only != "" && !strings.Contains(r.ID, c.Only) {
				continue
			}
			note := ""
			if r.Status == mutate.Equivalent {
				note = " [equivalent: " + r.Reason + "]"
			}
			if r.Problem != "" {
				note = " [invalid: " + r.Problem + "]"
			}
			fmt.Fprintf(a.io.Out, "%-24s %-52s %s:%d %s%s\n", k.Name, r.ID, r.File, r.Line, r.Desc, note)
		}
	}
	if c.Show != "" && !found {
		return usageErr("no mutant %q in %s (`kata mutate --list` lists them)", c.Show, strings.Join(c.Katas, ", "))
	}
	return nil
}
