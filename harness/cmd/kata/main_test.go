package main

import "testing"

// TestBuiltWithRace: the build information a binary carries is how the CLI
// knows whether to suggest `go run -race` and to skip the race runtime's
// exit sleep; it must agree with the race build tag.
func TestBuiltWithRace(t *testing.T) {
	if got := builtWithRace(); got != raceTag {
		t.Errorf("builtWithRace() = %v in a binary whose race build tag is %v", got, raceTag)
	}
}
