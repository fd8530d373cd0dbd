package backup_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestBackup(t *testing.T) { harness.RunSuite(t, "09 · captured err") }
