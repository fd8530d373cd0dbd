package scoreboard_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestHub(t *testing.T) { harness.RunSuite(t, "38 · slow subscriber") }
