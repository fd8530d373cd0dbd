package reminders_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestReminders(t *testing.T) { harness.RunSuite(t, "28 · rate limit") }
