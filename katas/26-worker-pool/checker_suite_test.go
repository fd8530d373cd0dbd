package linkcheck_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestChecker(t *testing.T) { harness.RunSuite(t, "26 · worker pool") }
