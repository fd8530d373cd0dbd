package heartbeat_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestHeartbeat(t *testing.T) { harness.RunSuite(t, "21 · stop the goroutine") }
