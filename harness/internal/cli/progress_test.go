package cli

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/racekatas/racekatas/harness/internal/check"
)

// syncBuffer is a bytes.Buffer safe for the progress goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestALongBuildIsExplainedOffATerminal(t *testing.T) {
	defer func(a, e time.Duration) { slowAfter, logEvery = a, e }(slowAfter, logEvery)
	slowAfter, logEvery = 50*time.Millisecond, 200*time.Millisecond

	var out syncBuffer
	ctx, p := slowProgress(context.Background(), &out, false)
	p.set("checking 01-shared-struct")
	check.ReportPhase(ctx, "01-shared-struct", check.Building)
	assert.Eventually(t, func() bool { return strings.Count(out.String(), "\n") >= 2 }, 5*time.Second, 10*time.Millisecond)
	check.ReportPhase(ctx, "01-shared-struct", check.Running)
	p.stop()

	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	assert.Contains(t, lines[0], "checking 01-shared-struct: ")
	assert.Contains(t, lines[0], "so far (building 01-shared-struct: the first build on a machine compiles")
	assert.NotContains(t, out.String(), "\x1b", "no terminal codes off a terminal")
}

func TestAQuickCheckPrintsNothingOffATerminal(t *testing.T) {
	var out syncBuffer
	ctx, p := slowProgress(context.Background(), &out, false)
	p.set("checking 01-shared-struct")
	check.ReportPhase(ctx, "01-shared-struct", check.Building)
	check.ReportPhase(ctx, "01-shared-struct", check.Running)
	p.stop()
	assert.Empty(t, out.String())
}
