package harness

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A scenario repeated twenty times leaks twenty goroutines that differ only
// in their number: the report shows one, with a count the CLI reads.
func TestGroupAlikeCountsGoroutinesThatDifferOnlyInTheirNumber(t *testing.T) {
	var descs []string
	for _, id := range []string{"30", "31", "32"} {
		descs = append(descs, "  goroutine "+id+" [chan send] at /k/code.go:12 in send (started at /k/code.go:7)\n    called from /k/code.go:9 in First")
	}
	descs = append(descs, "  goroutine 40 [chan receive] at /k/code.go:20 in wait")
	got := groupAlike(descs)
	assert.Equal(t, []string{
		"  goroutine 30 [chan send] at /k/code.go:12 in send (started at /k/code.go:7)\n    called from /k/code.go:9 in First\n    and 2 more goroutines like this one",
		"  goroutine 40 [chan receive] at /k/code.go:20 in wait",
	}, got)
}
