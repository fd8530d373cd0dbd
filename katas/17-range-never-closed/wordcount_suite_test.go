package wordcount_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestWordcount(t *testing.T) { harness.RunSuite(t, "17 · range never closed") }
