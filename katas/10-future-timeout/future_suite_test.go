package quote_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestFuture(t *testing.T) { harness.RunSuite(t, "10 · future timeout") }
