package catalog_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestPhotos(t *testing.T) { harness.RunSuite(t, "27 · bounded concurrency") }
