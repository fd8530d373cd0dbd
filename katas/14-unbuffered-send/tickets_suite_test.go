package tickets_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestTickets(t *testing.T) { harness.RunSuite(t, "14 · unbuffered send") }
