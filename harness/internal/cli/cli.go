// Package cli is the kata command: argument parsing, and one file per
// subcommand that wires the library packages to the terminal. Output goes to
// injected writers so tests can compare it with golden files.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/alecthomas/kong"

	"github.com/racekatas/racekatas/harness/internal/check"
	"github.com/racekatas/racekatas/harness/internal/diagnose"
	"github.com/racekatas/racekatas/harness/internal/grade"
	"github.com/racekatas/racekatas/harness/internal/manifest"
	"github.com/racekatas/racekatas/harness/internal/report"
	"github.com/racekatas/racekatas/harness/internal/state"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

// Exit codes.
const (
	ExitOK     = 0 // the checked kata passes, or the command did its job
	ExitFailed = 1 // the checked kata (or a verification) fails
	ExitUsage  = 2 // bad arguments, unknown kata, broken manifest
)

// CheckFunc builds, runs and diagnoses one kata as it stands in the tree.
type CheckFunc func(ctx context.Context, m *manifest.Manifest, k manifest.Kata) (diagnose.Diagnosis, error)

// IO is what the command talks to; tests inject their own.
type IO struct {
	In         io.Reader // keys for watch; nil means none
	Out, Err   io.Writer
	Getenv     func(string) string
	IsTerminal bool      // Out is a terminal (decides colour and live progress)
	Dir        string    // working directory; the repository is found from here
	Check      CheckFunc // nil: build and run the kata for real
	// GradeCheck, if set, replaces every check that grade makes (tests).
	GradeCheck grade.CheckFunc
	// Toolchain checks that katas can be built here, before a command
	// that builds them (nil: toolchain.Check; see precheck).
	Toolchain func(ctx context.Context, root string) error
}

// realCheck returns the CheckFunc used outside tests: a learner's check
// stops at the first deadlock, and a pass counts once confirm more runs
// have passed too.
func realCheck(confirm int) CheckFunc {
	return func(ctx context.Context, m *manifest.Manifest, k manifest.Kata) (diagnose.Diagnosis, error) {
		return check.Diagnose(ctx, m, k, check.KataVariant, check.Options{FailFast: true, Confirm: confirm})
	}
}

type cli struct {
	NoColor  bool   `help:"Never colour the output (NO_COLOR=1 does the same)."`
	Confirm  int    `default:"4" help:"Runs that must pass too before a pass is recorded: a bug that shows only sometimes must not count as solved." placeholder:"N"`
	Root     string `help:"The racekatas checkout (default: found from the working directory)." placeholder:"DIR"`
	Manifest string `help:"Use this manifest instead of katas/katas.toml (for kata authors)." placeholder:"FILE"`

	Status   statusCmd   `cmd:"" default:"withargs" help:"Show progress and the diagnosis of the next unsolved kata (the default)."`
	List     listCmd     `cmd:"" help:"List every kata with its chapter, status and bug kind."`
	Check    checkCmd    `cmd:"" help:"Run one kata (default: the next unsolved) and diagnose it."`
	Hint     hintCmd     `cmd:"" help:"Show the next hint for a kata (default: the next unsolved)."`
	Watch    watchCmd    `cmd:"" help:"Check the current kata again each time one of its files is saved."`
	Reset    resetCmd    `cmd:"" help:"Restore a kata's files as they came (your version is kept as a backup)."`
	Solution solutionCmd `cmd:"" help:"Show a solved kata's solution and how it differs from your file."`
	Grade    gradeCmd    `cmd:"" help:"Score every kata (text, markdown, json, junit or GitHub Classroom output)."`
	Sums     sumsCmd     `cmd:"" help:"Record the pristine checksums of every kata file, in katas/pristine.sum (kata authors)."`
	Verify   verifyCmd   `cmd:"" help:"Prove every kata fails for its intended reason and every solution passes."`
	New      newCmd      `cmd:"" help:"Write a new kata (folder, specs, solution, a wrong fix, manifest entry) to fill in (kata authors)."`
	Mutate   mutateCmd   `cmd:"" help:"Break each solution on purpose, one synchronisation at a time, and report which mutants the specs miss."`
}

// app is what every subcommand's Run receives.
type app struct {
	io    IO
	style report.Style
	root  string
	ctx   context.Context
	m     *manifest.Manifest
	draft bool // the manifest is not katas/katas.toml (--manifest)
}

// exitError carries an exit code and, optionally, a message for stderr.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func usageErr(format string, a ...any) error {
	return &exitError{code: ExitUsage, msg: fmt.Sprintf(format, a...)}
}

var errFailed = &exitError{code: ExitFailed}

// Main runs the command and returns its exit code. A bug in the command
// itself ends in one paragraph asking for a report, not a stack trace.
func Main(args []string, io IO) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(io.Err, "kata: internal error: %v\n"+
				"This is a bug in the kata command, not in your code. Please report it with the command you ran.\n", r)
			code = ExitFailed
		}
	}()
	if io.Getenv == nil {
		io.Getenv = os.Getenv
	}
	var c cli
	exitCode := -1
	parser, err := kong.New(&c,
		kong.Name("kata"),
		kong.Description("racekatas: learn Go concurrency by fixing real concurrency bugs.\n\n"+
			"Run it from your checkout as: go run -race ./harness/cmd/kata [command]"),
		kong.Writers(io.Out, io.Err),
		kong.Exit(func(code int) { exitCode = code }),
		kong.UsageOnError(),
	)
	if err != nil {
		fmt.Fprintf(io.Err, "kata: %v\n", err)
		return ExitUsage
	}
	kctx, err := parser.Parse(args)
	if exitCode >= 0 { // --help
		return exitCode
	}
	if err != nil {
		fmt.Fprintf(io.Err, "kata: %v\n", err)
		return ExitUsage
	}

	if c.Confirm < 0 {
		fmt.Fprintln(io.Err, "kata: --confirm must be 0 or more")
		return ExitUsage
	}
	if io.Check == nil {
		io.Check = realCheck(c.Confirm)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	a := &app{
		io:    io,
		ctx:   ctx,
		style: report.Style{Color: !c.NoColor && report.ColorWanted(io.IsTerminal, io.Getenv)},
	}
	if err := a.load(c.Root, c.Manifest); err != nil {
		switch {
		case kctx.Command() == "new <name>":
			// A new kata set has no manifest until `kata new` writes its
			// first entry: that command needs only the module.
			root, rerr := moduleRoot(c.Root, io.Dir)
			if rerr != nil {
				fmt.Fprintf(io.Err, "kata: %v\n", rerr)
				return ExitUsage
			}
			a.root = root
		case kctx.Command() == "grade" && c.Grade.SpecsFrom != "":
			// Grading against a pristine checkout needs nothing from the
			// learner's manifest: a tree whose manifest is broken or gone
			// is still graded, from the working directory.
			a.root = c.Root
			if a.root == "" {
				a.root = io.Dir
			}
		default:
			fmt.Fprintf(io.Err, "kata: %v\n", err)
			return ExitUsage
		}
	}
	if err = a.precheck(kctx.Command(), &c); err == nil {
		err = kctx.Run(a)
	}
	var ee *exitError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ee):
		if ee.msg != "" {
			fmt.Fprintf(io.Err, "kata: %s\n", ee.msg)
		}
		return ee.code
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(io.Err, "kata: interrupted")
		return ExitFailed
	default:
		fmt.Fprintf(io.Err, "kata: %v\n", err)
		return ExitFailed
	}
}

func (a *app) load(root, manifestFile string) error {
	if root == "" {
		r, err := manifest.FindRoot(a.io.Dir)
		if err != nil {
			return err
		}
		root = r
	}
	m, err := manifest.LoadFile(root, manifestFile)
	if err != nil {
		return err
	}
	a.root, a.m = m.Root, m
	a.draft = manifestFile != ""
	return nil
}

// find resolves a kata name given on the command line.
func (a *app) find(name string) (manifest.Kata, error) {
	k, err := a.m.Find(name)
	if err != nil {
		return k, usageErr("%v", err)
	}
	return k, nil
}

// checkKata runs kata k and records the verdict in the progress cache,
// under the hash of the files as they were when the run began (a save
// during the run makes the verdict stale, as it should).
func (a *app) checkKata(ctx context.Context, k manifest.Kata, st *state.State) (diagnose.Diagnosis, error) {
	hash, herr := state.Hash(a.root, a.m.Dir(k))
	d, err := a.io.Check(ctx, a.m, k)
	if err != nil {
		return d, err
	}
	if herr == nil {
		st.Record(k.Name, hash, d)
	}
	return d, nil
}

// cached returns the recorded verdict on k, if its files have not changed
// since.
func (a *app) cached(k manifest.Kata, st *state.State) (diagnose.Diagnosis, bool) {
	hash, err := state.Hash(a.root, a.m.Dir(k))
	if err != nil {
		return diagnose.Diagnosis{}, false
	}
	return st.Lookup(k.Name, hash)
}

// firstUnsolved is the first kata after the one named after ("" for the
// start of the path) not known to be solved.
func (a *app) firstUnsolved(st *state.State, after string) (manifest.Kata, bool) {
	seen := after == ""
	for _, k := range a.m.Katas {
		if !seen {
			seen = k.Name == after
			continue
		}
		if d, ok := a.cached(k, st); !ok || d.Kind != verdict.Pass {
			return k, true
		}
	}
	return manifest.Kata{}, false
}
