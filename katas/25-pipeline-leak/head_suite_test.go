package loghead_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestHead(t *testing.T) { harness.RunSuite(t, "25 · pipeline leak") }
