package cli_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekatas/racekatas/harness/internal/cli"
	"github.com/racekatas/racekatas/harness/internal/diagnose"
	"github.com/racekatas/racekatas/harness/internal/manifest"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

// syncBuffer is a bytes.Buffer that the watch loop writes and the test reads
// at the same time.
type syncBuffer struct {
	mu sync.Mutex // protects b
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

// fakeCheck solves a kata when its Go file says "fixed", without building
// anything, and counts the checks.
type fakeCheck struct {
	mu     sync.Mutex // protects checks
	checks []string
}

func (f *fakeCheck) check(_ context.Context, m *manifest.Manifest, k manifest.Kata) (diagnose.Diagnosis, error) {
	f.mu.Lock()
	f.checks = append(f.checks, k.Name)
	f.mu.Unlock()
	files, _ := filepath.Glob(filepath.Join(m.Dir(k), "*.go"))
	for _, file := range files {
		if data, _ := os.ReadFile(file); strings.Contains(string(data), "fixed") {
			return diagnose.Diagnosis{Kind: verdict.Pass}, nil
		}
	}
	return diagnose.Diagnosis{Kind: verdict.Race}, nil
}

func (f *fakeCheck) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.checks)
}

func testWatch(t *testing.T, args ...string) {
	root := fakeRepo(t)
	file := filepath.Join(root, "katas/01-shared-struct/tracker.go")
	in, keys := io.Pipe()
	out := &syncBuffer{}
	fake := &fakeCheck{}
	code := make(chan int, 1)
	go func() {
		code <- cli.Main(append([]string{"watch"}, args...), cli.IO{
			In: in, Out: out, Err: io.Discard, Dir: root,
			Getenv: func(string) string { return "" },
			Check:  fake.check,
		})
	}()
	t.Cleanup(func() { _ = keys.Close() })
	see := func(what string) {
		t.Helper()
		require.Eventually(t, func() bool { return strings.Contains(out.String(), what) },
			10*time.Second, 10*time.Millisecond, "never saw %q in:\n%s", what, out.String())
	}

	see("RACE")
	require.Equal(t, 1, fake.count())

	// Saving the fixed file checks the kata again, once for the burst.
	require.NoError(t, os.WriteFile(file, []byte("package tracker // fixed\n"), 0o644))
	require.NoError(t, os.WriteFile(file, []byte("package tracker // fixed!\n"), 0o644))
	see("Solved! Press Enter for the next kata")
	assert.Equal(t, 2, fake.count(), "two quick saves, one check")

	// Enter moves on; the next kata is checked at once.
	_, err := keys.Write([]byte("\n"))
	require.NoError(t, err)
	see("watching 02-hot-counter (2/3)")

	_, err = keys.Write([]byte("q\n"))
	require.NoError(t, err)
	select {
	case c := <-code:
		assert.Equal(t, cli.ExitOK, c)
	case <-time.After(10 * time.Second):
		t.Fatal("watch did not quit on q")
	}
}

func TestWatchChecksAgainOnSaveAndMovesOnOnlyWhenAsked(t *testing.T) {
	testWatch(t)
}

func TestWatchByPollingWorksWithoutFileEvents(t *testing.T) {
	testWatch(t, "--poll", "--interval", "20ms")
}
