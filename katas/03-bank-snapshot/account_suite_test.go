package bank_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestAccount(t *testing.T) { harness.RunSuite(t, "03 · bank snapshot") }
