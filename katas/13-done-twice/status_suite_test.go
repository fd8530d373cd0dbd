package status_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestStatus(t *testing.T) { harness.RunSuite(t, "13 · done twice") }
