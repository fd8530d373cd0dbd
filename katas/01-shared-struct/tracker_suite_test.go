package tracker_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestTracker(t *testing.T) { harness.RunSuite(t, "01 · shared struct") }
