package dnscache_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestCache(t *testing.T) { harness.RunSuite(t, "36 · LRU cache") }
