package printorder_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestOrder(t *testing.T) { harness.RunSuite(t, "24 · fan-out, first error") }
