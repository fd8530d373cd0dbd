package ballot_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestBox(t *testing.T) { harness.RunSuite(t, "20 · send close race") }
