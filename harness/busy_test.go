package harness

import (
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
)

func inThisFile(path string) bool { return strings.HasSuffix(path, "busy_test.go") }

func spinUntil(stop *atomic.Bool) {
	for !stop.Load() {
		runtime.Gosched()
	}
}

func parkUntil(stop chan struct{}) { <-stop }

func TestBusyReportNamesASpinningGoroutine(t *testing.T) {
	var stop atomic.Bool
	done := make(chan struct{})
	go func() { defer close(done); spinUntil(&stop) }()
	defer func() { stop.Store(true); <-done }()

	report := busyReport(BusyWaitWindow, inThisFile)
	assert.True(t, strings.HasPrefix(report, "BUSY-WAIT:"), report)
	assert.Contains(t, report, "spinUntil")
}

func TestBusyReportIgnoresAParkedGoroutine(t *testing.T) {
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() { defer close(done); parkUntil(stop) }()
	defer func() { close(stop); <-done }()

	for range 5 {
		assert.Empty(t, busyReport(BusyWaitWindow, inThisFile))
	}
}
