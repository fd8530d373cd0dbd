//go:build !race

package harness

// RaceEnabled reports whether the binary was built with -race.
const RaceEnabled = false
