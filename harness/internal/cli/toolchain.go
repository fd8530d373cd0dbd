package cli

import (
	"errors"
	"strings"

	"github.com/racekatas/racekatas/harness/internal/toolchain"
)

// buildingCommands are the commands that build katas with -race. Before
// any of them runs, the machine is checked once: a Go that cannot build
// with the race detector (cgo off, no C compiler, an unsupported system)
// is named as such, with the fix, and exits with ExitUsage, instead of
// every kata failing as a BUILD-ERROR that blames the learner's code, or
// grade and verify scoring it.
var buildingCommands = map[string]bool{
	"status": true, "check": true, "watch": true, "grade": true, "verify": true, "mutate": true,
}

// precheck runs the toolchain check for a command that builds katas, in
// the tree whose go.mod the builds use: grade --specs-from builds in the
// pristine checkout, so a learner's go.mod cannot turn grading into an error.
func (a *app) precheck(command string, c *cli) error {
	name, _, _ := strings.Cut(command, " ")
	if !buildingCommands[name] || name == "mutate" && (c.Mutate.List || c.Mutate.Show != "") {
		return nil
	}
	dir := a.root
	if name == "grade" && c.Grade.SpecsFrom != "" {
		dir = c.Grade.SpecsFrom
	}
	check := a.io.Toolchain
	if check == nil {
		check = toolchain.Check
	}
	p := newProgress(a.io.Err, a.io.IsTerminal)
	p.set("checking that Go can build with the race detector")
	err := check(a.ctx, dir)
	p.stop()
	var problem *toolchain.Problem
	if errors.As(err, &problem) {
		return &exitError{code: ExitUsage, msg: problem.Error()}
	}
	return err
}
