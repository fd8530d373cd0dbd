package latency_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestHistogram(t *testing.T) { harness.RunSuite(t, "07 · copied mutex") }
