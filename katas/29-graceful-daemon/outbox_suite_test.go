package outbox_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestOutbox(t *testing.T) { harness.RunSuite(t, "29 · graceful daemon") }
