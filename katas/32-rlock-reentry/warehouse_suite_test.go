package warehouse_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestWarehouse(t *testing.T) { harness.RunSuite(t, "32 · rlock reentry") }
