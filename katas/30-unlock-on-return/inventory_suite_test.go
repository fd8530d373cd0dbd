package inventory_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestInventory(t *testing.T) { harness.RunSuite(t, "30 · unlock on return") }
