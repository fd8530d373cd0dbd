//go:build !windows

package report

import (
	"os"

	"github.com/mattn/go-isatty"
)

// Terminal reports whether f is a terminal that shows colour and lets a
// progress line be redrawn (ANSI escape sequences). Every Unix terminal
// does.
func Terminal(f *os.File) bool {
	return isatty.IsTerminal(f.Fd())
}
