// Command kata runs racekatas: progress, diagnoses, hints and the verifier.
//
//	go run ./harness/cmd/kata            # progress and the next diagnosis
//	go run ./harness/cmd/kata check 03   # one kata
//	go run ./harness/cmd/kata verify     # prove every kata and solution
package main

import (
	"os"

	"github.com/racekatas/racekatas/harness/internal/cli"
	"github.com/racekatas/racekatas/harness/internal/report"
)

func main() {
	dir, _ := os.Getwd()
	os.Exit(cli.Main(os.Args[1:], cli.IO{
		In:         os.Stdin,
		Out:        os.Stdout,
		Err:        os.Stderr,
		Getenv:     os.Getenv,
		IsTerminal: report.Terminal(os.Stdout), // on Windows, also turns ANSI colour on
		Dir:        dir,
	}))
}
