package boarding_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestGate(t *testing.T) { harness.RunSuite(t, "34 · cond missed wake-up") }
