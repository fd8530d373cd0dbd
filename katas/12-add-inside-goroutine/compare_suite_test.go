package pricecheck_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestCompare(t *testing.T) { harness.RunSuite(t, "12 · add inside goroutine") }
