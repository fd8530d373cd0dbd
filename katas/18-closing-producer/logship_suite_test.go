package logship_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestLogship(t *testing.T) { harness.RunSuite(t, "18 · closing producer") }
