package harness

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
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

// maxCalls bounds the chain of calls shown under one goroutine.
const maxCalls = 8

// describeStuck renders a goroutine for DEADLOCK and LEAK reports: the line
// of describeGoroutine, then one line for each further frame in the
// learner's files, innermost first, the chain of calls that led to at (the
// line that explains a lock-order deadlock or a nested RLock is often a
// frame or two up). The kata CLI parses these lines: keep them stable.
//
//	goroutine 39 [sync.RWMutex.RLock] at /abs/katas/32-x/warehouse.go:38 in (*Warehouse).Count
//	    called from /abs/katas/32-x/warehouse.go:62 in (*Warehouse).Audit
func describeStuck(g stack.Goroutine, at stack.Frame) string {
	lines := []string{describeGoroutine(g, at)}
	seen := false
	for _, f := range g.Frames {
		if !seen {
			seen = f == at
			continue
		}
		if !isKataFile(f.File) {
			continue
		}
		if len(lines) > maxCalls {
			lines = append(lines, "    called from … (more calls)")
			break
		}
		lines = append(lines, fmt.Sprintf("    called from %s in %s", f.Location(), f.ShortFunc()))
	}
	return strings.Join(lines, "\n")
}

// groupAlike joins goroutine descriptions (from describeStuck, each "  "
// indented) that differ only in the goroutine's number: a scenario repeated
// sixty times leaks sixty goroutines that all say the same thing. The first
// of each group is kept, followed by a line the kata CLI parses:
//
//	and 61 more goroutines like this one
func groupAlike(descs []string) []string {
	var (
		order []string
		count = map[string]int{}
		first = map[string]string{}
	)
	for _, d := range descs {
		key := goroutineNumberRE.ReplaceAllString(d, "${1}goroutine N ")
		if count[key] == 0 {
			order = append(order, key)
			first[key] = d
		}
		count[key]++
	}
	out := make([]string, 0, len(order))
	for _, key := range order {
		d := first[key]
		switch n := count[key] - 1; {
		case n == 1:
			d += "\n    and 1 more goroutine like this one"
		case n > 1:
			d += fmt.Sprintf("\n    and %d more goroutines like this one", n)
		}
		out = append(out, d)
	}
	return out
}

var goroutineNumberRE = regexp.MustCompile(`^(\s*)goroutine \d+ `)

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

// KataGoroutines describes, by goroutine id, every goroutine alive now that
// is in the code under test (a frame in one of the learner's files), as the
// watchdog's reports do: its state and the innermost line of the learner's
// code it is at. A spec compares two calls to find goroutines that were
// started in between and are still there.
func KataGoroutines() map[int]string {
	found := map[int]string{}
	for _, g := range allGoroutines() {
		if f, ok := firstFrame(g, isKataFile); ok {
			found[g.ID] = describeGoroutine(g, f)
		}
	}
	return found
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
