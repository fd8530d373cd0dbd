package primes_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestPrimes(t *testing.T) { harness.RunSuite(t, "35 · parallel sum") }
