// Package stack parses the goroutine dumps that Go prints: runtime.Stack,
// a crash or "test timed out" panic, and the stack sections of a race report.
//
// The parser is deliberately forgiving: lines it does not understand are
// skipped, so a dump mixed with other output still yields the goroutines it
// contains.
package stack

import (
	"bufio"
	"regexp"
	"strconv"
	"strings"
)

// Frame is one call in a stack: the function and where it was executing.
type Frame struct {
	Func string // fully qualified, e.g. "github.com/x/y.(*T).M"
	File string // absolute path as printed by the runtime
	Line int
}

// Location renders the frame as file:line.
func (f Frame) Location() string {
	if f.File == "" {
		return ""
	}
	return f.File + ":" + strconv.Itoa(f.Line)
}

// ShortFunc drops the package path from Func: "(*T).M", "Run.func1".
func (f Frame) ShortFunc() string {
	name := f.Func
	if i := strings.LastIndex(name, "/"); i >= 0 {
		name = name[i+1:]
	}
	if i := strings.Index(name, "."); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// Goroutine is one goroutine of a dump.
type Goroutine struct {
	ID    int
	State string // "chan send", "sync.WaitGroup.Wait", "running", ... (durations dropped)
	// Frames run from the innermost call (top of the stack) outwards.
	Frames []Frame
	// CreatedBy is the go statement that started the goroutine; zero for main.
	CreatedBy Frame
}

var (
	headerRE = regexp.MustCompile(`^goroutine (\d+)(?: gp=\S+ m=\S+(?: mp=\S+)?)? \[([^\]]*)\]:$`)
	fileRE   = regexp.MustCompile(`^\s+(\S.*?\.(?:go|s|c)):(\d+)(?: \+0x[0-9a-f]+)?(?: fp=.*)?$`)
	// created by pkg.fn in goroutine 7
	createdRE = regexp.MustCompile(`^created by (\S+)(?: in goroutine \d+)?$`)
)

// Parse reads every goroutine section of a dump.
func Parse(dump string) []Goroutine {
	var (
		out      []Goroutine
		cur      *Goroutine
		pending  string // function line waiting for its file line
		created  bool   // pending belongs to "created by"
		scanner  = bufio.NewScanner(strings.NewReader(dump))
		finishGo = func() {
			if cur != nil {
				out = append(out, *cur)
				cur = nil
			}
		}
	)
	scanner.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	for scanner.Scan() {
		line := scanner.Text()
		if m := headerRE.FindStringSubmatch(line); m != nil {
			finishGo()
			id, _ := strconv.Atoi(m[1])
			cur = &Goroutine{ID: id, State: cleanState(m[2])}
			pending, created = "", false
			continue
		}
		if cur == nil {
			continue
		}
		if strings.TrimSpace(line) == "" {
			finishGo()
			continue
		}
		if m := fileRE.FindStringSubmatch(line); m != nil && pending != "" {
			n, _ := strconv.Atoi(m[2])
			f := Frame{Func: pending, File: m[1], Line: n}
			if created {
				cur.CreatedBy = f
			} else {
				cur.Frames = append(cur.Frames, f)
			}
			pending, created = "", false
			continue
		}
		if m := createdRE.FindStringSubmatch(line); m != nil {
			pending, created = m[1], true
			continue
		}
		if !strings.HasPrefix(line, "\t") && !strings.HasPrefix(line, " ") {
			pending, created = funcName(line), false
		}
	}
	finishGo()
	return out
}

// ParseFrames reads a list of frames in the indented form used by race
// reports ("  pkg.fn()\n      /file.go:12 +0x1d").
func ParseFrames(text string) []Frame {
	var (
		out     []Frame
		pending string
	)
	for _, line := range strings.Split(text, "\n") {
		if m := fileRE.FindStringSubmatch(line); m != nil && pending != "" {
			n, _ := strconv.Atoi(m[2])
			out = append(out, Frame{Func: pending, File: m[1], Line: n})
			pending = ""
			continue
		}
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		pending = funcName(t)
	}
	return out
}

// funcName strips the argument list from "pkg.fn(0x1, ...)" or "pkg.fn()".
func funcName(line string) string {
	line = strings.TrimSpace(line)
	if i := strings.LastIndex(line, "("); i > 0 && strings.HasSuffix(line, ")") {
		// "(*T).M(...)": only strip the trailing argument list.
		return line[:i]
	}
	return line
}

// cleanState turns "chan send, 2 minutes, locked to thread" into "chan send".
func cleanState(s string) string {
	if i := strings.Index(s, ","); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// Describe turns a goroutine state into learner words.
func Describe(state string) string {
	switch {
	case state == "chan send":
		return "waiting to send on a channel"
	case state == "chan receive":
		return "waiting to receive from a channel"
	case state == "chan send (nil chan)":
		return "sending on a nil channel (blocks forever)"
	case state == "chan receive (nil chan)":
		return "receiving from a nil channel (blocks forever)"
	case state == "select":
		return "waiting in a select"
	case state == "select (no cases)":
		return "blocked in an empty select"
	case strings.Contains(state, "WaitGroup.Wait"):
		return "waiting in WaitGroup.Wait"
	case strings.Contains(state, "RWMutex.RLock"):
		return "waiting for a read lock (RWMutex.RLock)"
	case strings.Contains(state, "RWMutex.Lock"):
		return "waiting for a write lock (RWMutex.Lock)"
	case strings.Contains(state, "Mutex.Lock"):
		return "waiting for a lock (Mutex.Lock)"
	case strings.Contains(state, "Cond.Wait"):
		return "waiting in Cond.Wait"
	case state == "sleep":
		return "sleeping (time.Sleep)"
	case state == "running" || state == "runnable":
		return "running (busy, never returning)"
	}
	return state
}

// Blocking reports whether a goroutine in this state waits for another
// goroutine (a channel, a lock, a WaitGroup, a Cond) rather than running,
// sleeping or waiting on the clock or the network.
func Blocking(state string) bool {
	switch {
	case strings.HasPrefix(state, "chan "), strings.HasPrefix(state, "select"),
		strings.HasPrefix(state, "sync."), strings.Contains(state, "semacquire"):
		return true
	}
	return false
}
