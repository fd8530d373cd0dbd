// Command kata runs racekatas: progress, diagnoses, hints and the verifier.
//
//	go run -race ./harness/cmd/kata            # progress and the next diagnosis
//	go run -race ./harness/cmd/kata check 03   # one kata
//	go run ./harness/cmd/kata verify           # prove every kata and solution
//
// Learners' commands carry -race although the CLI itself has no race to
// find: every kata builds with -race, and a CLI built the same way shares
// those compiled packages (the runtime, reflect, fmt, encoding/json, Ginkgo's
// types...), so a fresh clone compiles them once instead of twice. Without
// -race it works the same, and it is how a machine that cannot build with
// -race gets told what is missing.
package main

import (
	"os"
	"runtime/debug"
	"syscall"

	"github.com/racekatas/racekatas/harness/internal/cli"
	"github.com/racekatas/racekatas/harness/internal/manifest"
	"github.com/racekatas/racekatas/harness/internal/report"
)

func main() {
	race := builtWithRace()
	manifest.SuggestRace(race)
	dir, _ := os.Getwd()
	code := cli.Main(os.Args[1:], cli.IO{
		In:         os.Stdin,
		Out:        os.Stdout,
		Err:        os.Stderr,
		Getenv:     os.Getenv,
		IsTerminal: report.Terminal(os.Stdout), // on Windows, also turns ANSI colour on
		Dir:        dir,
	})
	if race {
		// os.Exit(0), like a return from main, runs the race runtime's exit
		// routine, which sleeps for GORACE's atexit_sleep_ms (1 s by
		// default) so that other goroutines may still report: a second added
		// to every quick command (status with every kata cached takes 0.1 s).
		// Output is unbuffered, and any race was reported as it happened.
		syscall.Exit(code)
	}
	os.Exit(code)
}

// builtWithRace reports whether this binary was built with -race, as its
// build information records.
func builtWithRace() bool {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range info.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}
