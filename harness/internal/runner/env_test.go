package runner

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTheTestBinaryGetsAMinimalEnvironment(t *testing.T) {
	for k, v := range map[string]string{
		"GITHUB_OUTPUT": "/tmp/out", "GITHUB_ENV": "/tmp/env", "GITHUB_STEP_SUMMARY": "/tmp/sum",
		"GITHUB_TOKEN": "t", "ACTIONS_RUNTIME_TOKEN": "t", "ACTIONS_ID_TOKEN_REQUEST_URL": "u",
		"RUNNER_TEMP": "/tmp", "NPM_TOKEN": "t", "SOME_SECRET": "s",
		"PATH": "/usr/bin", "HOME": "/home/x", "GOCACHE": "/c", "GORACE": "halt_on_error=1",
		"GOMAXPROCS": "2", "TMPDIR": "/t", "LANG": "C.UTF-8", RacekatasPrefix + "X": "1",
	} {
		t.Setenv(k, v)
	}
	env := TestEnv("EXTRA=1")
	joined := "\n" + strings.Join(env, "\n") + "\n"
	for _, gone := range []string{"GITHUB_", "ACTIONS_", "RUNNER_", "TOKEN", "SECRET"} {
		assert.NotContains(t, joined, gone)
	}
	for _, kept := range []string{"PATH=/usr/bin", "HOME=/home/x", "GOCACHE=/c", "GORACE=halt_on_error=1",
		"GOMAXPROCS=2", "TMPDIR=/t", "LANG=C.UTF-8", RacekatasPrefix + "X=1"} {
		assert.Contains(t, joined, "\n"+kept+"\n")
	}
	assert.Equal(t, "EXTRA=1", env[len(env)-1], "extra comes last, so it wins")
}
