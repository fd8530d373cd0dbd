// Package report renders diagnoses and verifier results for people: plain
// text with optional colour. It never decides anything; it only shows.
package report

import (
	"os"
	"strings"
)

// Style switches colour on or off. The zero value is plain text.
type Style struct{ Color bool }

const (
	reset  = "\x1b[0m"
	bold   = "\x1b[1m"
	dim    = "\x1b[2m"
	red    = "\x1b[31m"
	green  = "\x1b[32m"
	yellow = "\x1b[33m"
	cyan   = "\x1b[36m"
)

func (s Style) wrap(code, text string) string {
	if !s.Color || text == "" {
		return text
	}
	return code + text + reset
}

// Bold, Dim, Red, Green, Yellow and Cyan colour text when colour is on.
func (s Style) Bold(t string) string   { return s.wrap(bold, t) }
func (s Style) Dim(t string) string    { return s.wrap(dim, t) }
func (s Style) Red(t string) string    { return s.wrap(red, t) }
func (s Style) Green(t string) string  { return s.wrap(green, t) }
func (s Style) Yellow(t string) string { return s.wrap(yellow, t) }
func (s Style) Cyan(t string) string   { return s.wrap(cyan, t) }

// ColorWanted decides colour the way most command-line tools do: only on a
// terminal, never when NO_COLOR is set (any value) or under CI.
func ColorWanted(isTerminal bool, getenv func(string) string) bool {
	if getenv == nil {
		getenv = os.Getenv
	}
	if !isTerminal || getenv("NO_COLOR") != "" || getenv("CI") != "" || getenv("GITHUB_ACTIONS") != "" {
		return false
	}
	return !strings.EqualFold(getenv("TERM"), "dumb")
}
