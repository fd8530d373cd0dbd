package thumbnail_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestThumbnail(t *testing.T) { harness.RunSuite(t, "11 · missing done") }
