package webstats_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestServer(t *testing.T) { harness.RunSuite(t, "37 · HTTP stats") }
