package hub_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestHub(t *testing.T) { harness.RunSuite(t, "19 · stop twice") }
