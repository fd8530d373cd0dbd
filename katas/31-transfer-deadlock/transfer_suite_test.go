package bank_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestTransfer(t *testing.T) { harness.RunSuite(t, "31 · transfer deadlock") }
