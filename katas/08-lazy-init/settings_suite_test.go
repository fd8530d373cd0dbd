package settings_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestSettings(t *testing.T) { harness.RunSuite(t, "08 · lazy init") }
