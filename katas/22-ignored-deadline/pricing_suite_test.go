package pricing_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestPricing(t *testing.T) { harness.RunSuite(t, "22 · ignored deadline") }
