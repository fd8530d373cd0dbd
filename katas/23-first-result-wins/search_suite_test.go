package search_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestSearch(t *testing.T) { harness.RunSuite(t, "23 · first result wins") }
