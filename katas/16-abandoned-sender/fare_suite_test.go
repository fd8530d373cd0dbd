package fare_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestFare(t *testing.T) { harness.RunSuite(t, "16 · abandoned sender") }
