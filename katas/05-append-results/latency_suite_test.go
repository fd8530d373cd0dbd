package monitor_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestLatency(t *testing.T) { harness.RunSuite(t, "05 · append results") }
