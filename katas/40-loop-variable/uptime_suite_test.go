package uptime_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestUptime(t *testing.T) { harness.RunSuite(t, "40 · loop variable") }
