package visits_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestVisits(t *testing.T) { harness.RunSuite(t, "04 · map writes") }
