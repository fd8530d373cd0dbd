package scratch_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestScratch(t *testing.T) { harness.RunSuite(t, "scratch") }
