package linkcheck_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestChecker(t *testing.T) { harness.RunSuite(t, "06 · worker pool") }
