package report_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/racekatas/racekatas/harness/internal/report"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestColourOnlyOnATerminalWithoutOptOuts(t *testing.T) {
	assert.True(t, report.ColorWanted(true, env(nil)))
	assert.False(t, report.ColorWanted(false, env(nil)), "not a terminal")
	assert.False(t, report.ColorWanted(true, env(map[string]string{"NO_COLOR": "1"})))
	assert.False(t, report.ColorWanted(true, env(map[string]string{"CI": "true"})))
	assert.False(t, report.ColorWanted(true, env(map[string]string{"GITHUB_ACTIONS": "true"})))
	assert.False(t, report.ColorWanted(true, env(map[string]string{"TERM": "dumb"})))
}

func TestPlainStyleAddsNoCodes(t *testing.T) {
	assert.Equal(t, "x", report.Style{}.Red("x"))
	assert.Equal(t, "\x1b[31mx\x1b[0m", report.Style{Color: true}.Red("x"))
}
