package heartbeat_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestHeartbeat(t *testing.T) { harness.RunSuite(t, "05 · stop the goroutine") }
