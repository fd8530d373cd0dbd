package harness

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/racekatas/racekatas/harness/internal/stack"
)

// kataDir is the directory of the package under test: go test runs the test
// binary there, and stack traces name its files by absolute path.
var kataDir = func() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	return wd
}()

// isKataFile reports whether path is one of the learner's files: a non-test
// Go file of the package under test.
func isKataFile(path string) bool {
	return kataDir != "" && filepath.Dir(path) == kataDir && !strings.HasSuffix(path, "_test.go")
}

// isSpecFile reports whether path is a spec file of the package under test.
func isSpecFile(path string) bool {
	return kataDir != "" && filepath.Dir(path) == kataDir && strings.HasSuffix(path, "_test.go")
}

// allGoroutines returns a parsed dump of every goroutine.
func allGoroutines() []stack.Goroutine {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return stack.Parse(string(buf[:n]))
		}
		if len(buf) >= 64<<20 {
			return stack.Parse(string(buf[:n]))
		}
		buf = make([]byte, 2*len(buf))
	}
}

// goroutineIDs is the set of goroutines alive now.
func goroutineIDs() map[int]bool {
	ids := map[int]bool{}
	for _, g := range allGoroutines() {
		ids[g.ID] = true
	}
	return ids
}

// firstFrame returns the innermost frame of g that satisfies keep.
func firstFrame(g stack.Goroutine, keep func(string) bool) (stack.Frame, bool) {
	for _, f := range g.Frames {
		if keep(f.File) {
			return f, true
		}
	}
	return stack.Frame{}, false
}

// describeGoroutine renders one line per goroutine for DEADLOCK and LEAK
// reports. The format is parsed by the kata CLI: keep it stable.
//
//	goroutine 23 [chan send] at /abs/katas/03-x/tickets.go:31 in Numbered (started at /abs/.../tickets.go:28)
func describeGoroutine(g stack.Goroutine, at stack.Frame) string {
	s := fmt.Sprintf("goroutine %d [%s] at %s in %s", g.ID, g.State, at.Location(), at.ShortFunc())
	if isKataFile(g.CreatedBy.File) || isSpecFile(g.CreatedBy.File) {
		s += fmt.Sprintf(" (started at %s)", g.CreatedBy.Location())
	}
	return s
}

// GoroutineID returns the calling goroutine's id, as goroutine dumps and
// race reports print it. Specs use it with GoroutineState to wait until a
// goroutine they started is parked where the bad interleaving needs it.
func GoroutineID() int {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	if gs := stack.Parse(string(buf) + "\n"); len(gs) > 0 {
		return gs[0].ID
	}
	return -1
}

// GoroutineState returns what goroutine id is doing, as the runtime names it
// ("chan send", "sync.Mutex.Lock", "sync.RWMutex.RLock", "running"), or ""
// once it has ended. Reading it orders nothing: it hides no race.
func GoroutineState(id int) string {
	for _, g := range allGoroutines() {
		if g.ID == id {
			return g.State
		}
	}
	return ""
}
