package stack_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekatas/racekatas/harness/internal/stack"
)

const dump = `goroutine 1 [running]:
main.main()
	/src/main.go:10 +0x1d

goroutine 18 [chan send, 2 minutes]:
example.com/k.(*Pool).send(0xc000010000, {0x1, 0x2})
	/src/k/pool.go:31 +0x45
example.com/k.Run.func1()
	/src/k/pool.go:22 +0x2f
created by example.com/k.Run in goroutine 1
	/src/k/pool.go:20 +0x9a

goroutine 19 [sync.WaitGroup.Wait]:
sync.runtime_SemacquireWaitGroup(0xc000012345?, 0x0?)
	/usr/local/go/src/runtime/sema.go:114 +0x2e
sync.(*WaitGroup).Wait(0xc000012340)
	/usr/local/go/src/sync/waitgroup.go:206 +0x85
example.com/k.Run()
	/src/k/pool.go:25 +0x111
`

func TestParseReadsEveryGoroutine(t *testing.T) {
	gs := stack.Parse(dump)
	require.Len(t, gs, 3)

	assert.Equal(t, 1, gs[0].ID)
	assert.Equal(t, "running", gs[0].State)

	g := gs[1]
	assert.Equal(t, 18, g.ID)
	assert.Equal(t, "chan send", g.State, "the duration is dropped")
	require.Len(t, g.Frames, 2)
	assert.Equal(t, "example.com/k.(*Pool).send", g.Frames[0].Func)
	assert.Equal(t, "/src/k/pool.go:31", g.Frames[0].Location())
	assert.Equal(t, "(*Pool).send", g.Frames[0].ShortFunc())
	assert.Equal(t, "Run.func1", g.Frames[1].ShortFunc())
	assert.Equal(t, stack.Frame{Func: "example.com/k.Run", File: "/src/k/pool.go", Line: 20}, g.CreatedBy)

	assert.Equal(t, "sync.WaitGroup.Wait", gs[2].State)
	assert.Len(t, gs[2].Frames, 3)
	assert.Zero(t, gs[2].CreatedBy)
}

func TestParseSkipsNoiseAroundDumps(t *testing.T) {
	gs := stack.Parse("some log line\n\n" + dump + "\nFAIL\tpkg\t1.2s\n")
	assert.Len(t, gs, 3)
}

func TestParseFramesReadsRaceReportStacks(t *testing.T) {
	frames := stack.ParseFrames(`  example.com/k.(*Tracker).Move()
      /src/k/tracker.go:34 +0xfe
  example.com/k.Follow.func1()
      /src/k/tracker.go:49 +0xe1
`)
	require.Len(t, frames, 2)
	assert.Equal(t, "example.com/k.(*Tracker).Move", frames[0].Func)
	assert.Equal(t, 49, frames[1].Line)
}

func TestDescribeSaysWhatAGoroutineWaitsFor(t *testing.T) {
	assert.Equal(t, "waiting to send on a channel", stack.Describe("chan send"))
	assert.Equal(t, "waiting in WaitGroup.Wait", stack.Describe("sync.WaitGroup.Wait"))
	assert.Equal(t, "waiting for a lock (Mutex.Lock)", stack.Describe("sync.Mutex.Lock"))
	assert.Equal(t, "waiting for a read lock (RWMutex.RLock)", stack.Describe("sync.RWMutex.RLock"))
	assert.Equal(t, "IO wait", stack.Describe("IO wait"), "unknown states pass through")
}
