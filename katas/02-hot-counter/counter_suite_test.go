package hits_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestCounter(t *testing.T) { harness.RunSuite(t, "02 · hot counter") }
