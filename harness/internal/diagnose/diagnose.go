// Package diagnose reads what a kata run printed and says, in one verdict,
// what went wrong and where in the learner's files.
//
// Its inputs are the build output, the binary's interleaved output and
// Ginkgo's JSON report (see package runner). Data races are read from the
// race detector's reports in the output, because Ginkgo reports a spec that
// raced as passed; crashes (a panic on a goroutine of the kata, "test timed
// out") are read from the output too, because a crashed suite writes no
// report; every other failure comes from the report.
package diagnose

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/racekatas/racekatas/harness/internal/runner"
	"github.com/racekatas/racekatas/harness/internal/stack"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

// Location is a place in a file, with the source line when it could be read.
type Location struct {
	File   string `json:"file"` // absolute
	Line   int    `json:"line"`
	Func   string `json:"func,omitempty"`   // short name: "(*Tracker).Move"
	Source string `json:"source,omitempty"` // the line's text, trimmed
}

// IsZero reports whether l names no place.
func (l Location) IsZero() bool { return l.File == "" }

// Access is one side of a data race.
type Access struct {
	Op        string   `json:"op"` // "write", "read", "atomic write", "map write"...
	Goroutine int      `json:"goroutine"`
	At        Location `json:"at"`
	Started   Location `json:"started"` // the go statement that started the goroutine
	// StartedBySpec is true when the goroutine was started by the spec (or
	// the harness on its behalf) rather than by the learner's code.
	StartedBySpec bool `json:"startedBySpec"`
	// StartedIn names the library function that started the goroutine when
	// neither the learner's code nor the spec did ("net/http.(*Server).Serve").
	StartedIn string `json:"startedIn,omitempty"`
}

// Race is one race report: the access that was caught and the earlier one
// it conflicts with.
type Race struct {
	Accesses []Access `json:"accesses"`
	Variable string   `json:"variable,omitempty"` // for globals, the race report names it
}

// Blocked is a goroutine that will never run again (deadlock) or that
// outlived its spec (leak).
type Blocked struct {
	Goroutine int      `json:"goroutine"`
	State     string   `json:"state"` // as the runtime prints it: "chan send"
	At        Location `json:"at"`
	Started   Location `json:"started,omitempty"`
}

// Problem is one compiler or vet message.
type Problem struct {
	At      Location `json:"at"`
	Message string   `json:"message"`
}

// Diagnosis is the verdict on one run and the evidence for it.
type Diagnosis struct {
	Kind     verdict.Kind `json:"kind"`
	Spec     string       `json:"spec,omitempty"`    // "Tracker when ... always shows ..."
	SpecAt   Location     `json:"specAt,omitempty"`  // the It (or failing node) in the spec file
	Message  string       `json:"message,omitempty"` // the failure or panic message
	At       Location     `json:"at,omitempty"`      // the learner's line: panic site, failed assertion's caller
	Races    []Race       `json:"races,omitempty"`
	Blocked  []Blocked    `json:"blocked,omitempty"`
	Problems []Problem    `json:"problems,omitempty"`
	// Failed counts the specs that failed; Total the specs that ran.
	Failed int    `json:"failed"`
	Total  int    `json:"total"`
	Raw    string `json:"-"` // everything printed, for --verbose
}

// Input is what Classify reads.
type Input struct {
	Root    string            // module root
	KataDir string            // the kata's folder
	Overlay map[string]string // kata file -> replacement, as built
	Build   runner.Build
	Run     *runner.Run // nil when the build failed
}

// Classify returns the single verdict on a build and run.
func Classify(in Input) Diagnosis {
	c := classifier{Input: in}
	if in.Build.Failed || in.Run == nil {
		return c.buildError()
	}
	return c.run()
}

type classifier struct {
	Input
	reports []types.SpecReport // every spec Ginkgo ran
}

func (c *classifier) buildError() Diagnosis {
	d := Diagnosis{Kind: verdict.BuildError, Raw: c.Build.Output}
	for _, line := range strings.Split(c.Build.Output, "\n") {
		m := compilerRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		file := m[1]
		if !filepath.IsAbs(file) {
			file = filepath.Join(c.Root, file)
		}
		file = c.unoverlay(file)
		n, _ := strconv.Atoi(m[2])
		d.Problems = append(d.Problems, Problem{At: c.located(file, n, ""), Message: m[4]})
	}
	if len(d.Problems) == 0 {
		d.Message = strings.TrimSpace(c.Build.Output)
	} else {
		d.At = d.Problems[0].At
	}
	return d
}

var compilerRE = regexp.MustCompile(`^(\S[^:]*\.go):(\d+)(?::(\d+))?: (.*)$`)

// unoverlay maps a replacement file back to the kata file it stands for, so
// messages name the file the learner edits.
func (c *classifier) unoverlay(file string) string {
	if orig, ok := c.Build.Copies[file]; ok {
		file = orig
	}
	for kata, repl := range c.Overlay {
		if repl == file {
			return kata
		}
	}
	return file
}

func (c *classifier) run() Diagnosis {
	out := c.Run.Output
	d := Diagnosis{Raw: out}
	c.loadReport(&d)

	// A kill by the runner: nothing else is certain.
	if c.Run.Killed {
		d.Kind = verdict.Timeout
		d.Message = "the test process did not finish within its bound and was stopped"
		d.Blocked = c.blockedFromDump(out)
		return d
	}
	if p, ok := c.crash(out); ok {
		if p.Spec == "" {
			// A crash kills the suite before Ginkgo reports; the spec that
			// was running announced itself before it started.
			p.Spec = specBefore(out, crashStart(out))
		}
		return c.finish(d, p)
	}
	if f, ok := c.failedWith(func(r types.SpecReport) bool { return r.State == types.SpecStatePanicked }); ok {
		d.Kind = verdict.Panic
		c.fromSpec(&d, f)
		d.Message = f.Failure.ForwardedPanic
		frames := stack.ParseFrames(f.Failure.Location.FullStackTrace)
		d.At = c.pick(frames, true)
		return d
	}
	if f, ok := c.failedWith(messagePrefix("DEADLOCK:")); ok {
		d.Kind = verdict.Deadlock
		c.fromSpec(&d, f)
		d.Blocked = c.blockedFromMessage(f.Failure.Message)
		return d
	}
	if races := c.races(out); len(races) > 0 {
		d.Kind = verdict.Race
		d.Races = races
		d.Spec = specBefore(out, strings.Index(out, raceStart))
		return d
	}
	if f, ok := c.failedWith(messagePrefix("BUSY-WAIT:")); ok {
		d.Kind = verdict.BusyWait
		c.fromSpec(&d, f)
		d.Blocked = c.blockedFromMessage(f.Failure.Message)
		return d
	}
	if f, ok := c.failedWith(messagePrefix("LEAK:")); ok {
		d.Kind = verdict.Leak
		c.fromSpec(&d, f)
		d.Blocked = c.blockedFromMessage(f.Failure.Message)
		return d
	}
	if f, ok := c.failedWith(func(r types.SpecReport) bool {
		return r.State == types.SpecStateTimedout || r.State == types.SpecStateInterrupted
	}); ok {
		d.Kind = verdict.Timeout
		c.fromSpec(&d, f)
		return d
	}
	if f, ok := c.firstFailed(); ok {
		d.Kind = verdict.WrongResult
		c.fromSpec(&d, f)
		return d
	}
	if c.Run.ExitCode == 0 {
		d.Kind = verdict.Pass
		return d
	}
	// The binary failed without a spec failure or anything else we know.
	d.Kind = verdict.WrongResult
	d.Message = "the test failed without a failing spec; the output follows:\n" + tail(out, 40)
	return d
}

// crashStart is where the runtime's last words begin in out, or -1.
func crashStart(out string) int {
	best := -1
	for _, w := range []string{"panic: ", "fatal error: "} {
		if i := strings.Index(out, w); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}

// crash looks for the runtime's own last words: a panic on a goroutine that
// Ginkgo does not guard, a fatal error, or the test binary's timeout.
func (c *classifier) crash(out string) (Diagnosis, bool) {
	lines := strings.Split(out, "\n")
	for i, line := range lines {
		// Ginkgo may leave its separator or a progress dot unfinished, so
		// the runtime's "panic: ..." can follow dashes or a • on one line.
		line = strings.TrimLeft(line, "-•")
		lines[i] = line
		var d Diagnosis
		switch {
		case strings.HasPrefix(line, "panic: test timed out after"):
			d.Kind = verdict.Deadlock
			d.Message = "the test did not finish in time; these goroutines of your code were stuck when it was stopped"
			d.Blocked = c.blockedFromDump(strings.Join(lines[i:], "\n"))
			return d, true
		case strings.HasPrefix(line, "fatal error: concurrent map"):
			d.Kind = verdict.Race
			d.Message = strings.TrimPrefix(line, "fatal error: ")
			dump := stack.Parse(strings.Join(lines[i:], "\n"))
			race := Race{}
			for _, g := range dump {
				if at := c.pick(g.Frames, false); !at.IsZero() && c.isKataFile(at.File) {
					race.Accesses = append(race.Accesses, c.access("map access", g))
				}
			}
			d.Races = []Race{race}
			return d, true
		case strings.HasPrefix(line, "fatal error: all goroutines are asleep"):
			d.Kind = verdict.Deadlock
			d.Message = "all goroutines are asleep"
			d.Blocked = c.blockedFromDump(strings.Join(lines[i:], "\n"))
			return d, true
		case strings.HasPrefix(line, "panic: ") || strings.HasPrefix(line, "fatal error: "):
			d.Kind = verdict.Panic
			msg := strings.TrimPrefix(strings.TrimPrefix(line, "panic: "), "fatal error: ")
			d.Message = strings.TrimSuffix(msg, " [recovered]")
			if dump := stack.Parse(strings.Join(lines[i:], "\n")); len(dump) > 0 {
				d.At = c.pick(dump[0].Frames, true)
				if d.At.IsZero() {
					d.At = c.pick(dump[0].Frames, false)
				}
			}
			return d, true
		}
	}
	return Diagnosis{}, false
}

func (c *classifier) finish(base, found Diagnosis) Diagnosis {
	found.Raw = base.Raw
	found.Failed, found.Total = base.Failed, base.Total
	return found
}

func (c *classifier) loadReport(d *Diagnosis) {
	if len(c.Run.Report) == 0 {
		return
	}
	var suites []types.Report
	if err := json.Unmarshal(c.Run.Report, &suites); err != nil {
		return
	}
	for _, s := range suites {
		for _, r := range s.SpecReports {
			if r.LeafNodeType != types.NodeTypeIt {
				// Suite-level nodes (BeforeSuite...) only matter if they failed.
				if !r.Failed() {
					continue
				}
			}
			c.reports = append(c.reports, r)
			if r.State != types.SpecStateSkipped && r.State != types.SpecStatePending {
				d.Total++
			}
			if r.Failed() {
				d.Failed++
			}
		}
	}
}

func (c *classifier) failedWith(match func(types.SpecReport) bool) (types.SpecReport, bool) {
	for _, r := range c.reports {
		if r.Failed() && match(r) {
			return r, true
		}
	}
	return types.SpecReport{}, false
}

func (c *classifier) firstFailed() (types.SpecReport, bool) {
	return c.failedWith(func(types.SpecReport) bool { return true })
}

func messagePrefix(p string) func(types.SpecReport) bool {
	return func(r types.SpecReport) bool { return strings.HasPrefix(r.Failure.Message, p) }
}

// fromSpec copies the failing spec's sentence, location and message.
func (c *classifier) fromSpec(d *Diagnosis, r types.SpecReport) {
	d.Spec = SpecText(r)
	d.SpecAt = c.located(r.LeafNodeLocation.FileName, r.LeafNodeLocation.LineNumber, "")
	d.Message = r.Failure.Message
	if loc := r.Failure.Location; loc.FileName != "" && c.isSpecFile(loc.FileName) {
		// Where the assertion failed, when it is in the spec file (for a
		// wrong result, this is the Expect that did not hold).
		d.SpecAt = c.located(loc.FileName, loc.LineNumber, "")
	}
}

// SpecText is the spec's full sentence: containers, then the It.
func SpecText(r types.SpecReport) string {
	parts := append([]string{}, r.ContainerHierarchyTexts...)
	if r.LeafNodeText != "" {
		parts = append(parts, r.LeafNodeText)
	}
	return strings.Join(parts, " ")
}

// SpecMarker must match harness.SpecMarker.
const SpecMarker = "racekatas: spec: "

// specBefore returns the spec announced last before position pos of out.
func specBefore(out string, pos int) string {
	if pos < 0 {
		return ""
	}
	i := strings.LastIndex(out[:pos], SpecMarker)
	if i < 0 {
		return ""
	}
	rest := out[i+len(SpecMarker):]
	if j := strings.IndexByte(rest, '\n'); j >= 0 {
		rest = rest[:j]
	}
	return strings.TrimSpace(rest)
}

// blockedLineRE matches the goroutine lines that harness.MustFinish and the
// leak check write (see harness/goroutines.go).
var blockedLineRE = regexp.MustCompile(`goroutine (\d+) \[([^\]]+)\] at (\S+):(\d+) in (\S+)(?: \(started at (\S+):(\d+)\))?`)

func (c *classifier) blockedFromMessage(msg string) []Blocked {
	var out []Blocked
	for _, m := range blockedLineRE.FindAllStringSubmatch(msg, -1) {
		id, _ := strconv.Atoi(m[1])
		line, _ := strconv.Atoi(m[4])
		b := Blocked{Goroutine: id, State: m[2], At: c.located(m[3], line, m[5])}
		if m[6] != "" {
			sl, _ := strconv.Atoi(m[7])
			b.Started = c.located(m[6], sl, "")
		}
		out = append(out, b)
	}
	return out
}

// blockedFromDump lists the goroutines of a full dump that are stuck in the
// learner's code.
func (c *classifier) blockedFromDump(dump string) []Blocked {
	var out []Blocked
	for _, g := range stack.Parse(dump) {
		at := c.pick(g.Frames, true)
		if at.IsZero() || g.State == "running" && len(out) > 0 {
			continue
		}
		b := Blocked{Goroutine: g.ID, State: g.State, At: at}
		if c.isKataFile(g.CreatedBy.File) || c.isSpecFile(g.CreatedBy.File) {
			b.Started = c.located(g.CreatedBy.File, g.CreatedBy.Line, "")
		}
		out = append(out, b)
	}
	return out
}

// Race report lines.
var (
	raceStart  = "WARNING: DATA RACE"
	raceEnd    = "=================="
	accessRE   = regexp.MustCompile(`^(?i)(previous )?((?:atomic )?(?:read|write)) at \S+ by (?:main goroutine|goroutine (\d+)):$`)
	createdAt  = regexp.MustCompile(`^Goroutine (\d+) \((?:running|finished)\) created at:$`)
	globalVarR = regexp.MustCompile(`^Location is global '([^']+)'`)
)

// races parses every race report in out, merging reports of the same pair
// of lines.
func (c *classifier) races(out string) []Race {
	var (
		races []Race
		seen  = map[string]bool{}
	)
	for _, block := range splitBlocks(out, raceStart, raceEnd) {
		r := c.parseRace(block)
		if len(r.Accesses) == 0 {
			continue
		}
		key := ""
		for _, a := range r.Accesses {
			key += fmt.Sprintf("%s:%d;", a.At.File, a.At.Line)
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		races = append(races, r)
	}
	return races
}

func splitBlocks(out, start, end string) []string {
	var blocks []string
	for {
		i := strings.Index(out, start)
		if i < 0 {
			return blocks
		}
		out = out[i+len(start):]
		j := strings.Index(out, end)
		if j < 0 {
			return append(blocks, out)
		}
		blocks = append(blocks, out[:j])
		out = out[j:]
	}
}

func (c *classifier) parseRace(block string) Race {
	type section struct {
		kind  string // "access" or "created"
		op    string
		gid   int
		lines []string
	}
	var (
		sections []*section
		cur      *section
		r        Race
	)
	for _, line := range strings.Split(block, "\n") {
		if m := accessRE.FindStringSubmatch(line); m != nil {
			id, _ := strconv.Atoi(m[3])
			cur = &section{kind: "access", op: strings.ToLower(m[2]), gid: id}
			sections = append(sections, cur)
			continue
		}
		if m := createdAt.FindStringSubmatch(line); m != nil {
			id, _ := strconv.Atoi(m[1])
			cur = &section{kind: "created", gid: id}
			sections = append(sections, cur)
			continue
		}
		if m := globalVarR.FindStringSubmatch(line); m != nil {
			r.Variable = m[1]
			cur = nil
			continue
		}
		if cur != nil {
			cur.lines = append(cur.lines, line)
		}
	}
	created := map[int][]stack.Frame{}
	for _, s := range sections {
		if s.kind == "created" {
			created[s.gid] = stack.ParseFrames(strings.Join(s.lines, "\n"))
		}
	}
	for _, s := range sections {
		if s.kind != "access" {
			continue
		}
		frames := stack.ParseFrames(strings.Join(s.lines, "\n"))
		op := s.op
		if len(frames) > 0 {
			// A channel's close and send are reported as a write and a
			// read of the channel; name them for what they are.
			switch frames[0].Func {
			case "runtime.closechan":
				op = "close"
			case "runtime.chansend", "runtime.chansend1":
				op = "send"
			case "runtime.chanrecv", "runtime.chanrecv1", "runtime.chanrecv2":
				op = "receive"
			}
		}
		a := Access{Op: op, Goroutine: s.gid, At: c.pick(frames, true)}
		if a.At.IsZero() {
			a.At = c.pick(frames, false)
		}
		cf := created[s.gid]
		if at := c.pickIn(cf, c.isKataFile); !at.IsZero() {
			a.Started = at
		} else if at := c.pickIn(cf, c.isSpecFile); !at.IsZero() {
			a.Started, a.StartedBySpec = at, true
		} else if len(cf) > 0 && !strings.Contains(cf[0].File, "/harness/") {
			// Started by a library the code uses (net/http's server runs
			// each connection on a goroutine of its own), not by the spec.
			a.StartedIn = cf[0].Func
		} else {
			a.StartedBySpec = true
		}
		r.Accesses = append(r.Accesses, a)
	}
	return r
}

// access turns a goroutine of a crash dump into one side of a race.
func (c *classifier) access(op string, g stack.Goroutine) Access {
	a := Access{Op: op, Goroutine: g.ID, At: c.pick(g.Frames, true)}
	if c.isKataFile(g.CreatedBy.File) {
		a.Started = c.located(g.CreatedBy.File, g.CreatedBy.Line, "")
	} else {
		a.StartedBySpec = true
		if c.isSpecFile(g.CreatedBy.File) {
			a.Started = c.located(g.CreatedBy.File, g.CreatedBy.Line, "")
		}
	}
	return a
}

// pick returns the innermost frame in the learner's files; with
// learnerOnly false, the innermost frame outside the Go runtime and the
// harness instead (a spec line, say).
func (c *classifier) pick(frames []stack.Frame, learnerOnly bool) Location {
	if learnerOnly {
		return c.pickIn(frames, c.isKataFile)
	}
	return c.pickIn(frames, func(f string) bool {
		return !strings.Contains(f, "/src/runtime/") && !strings.Contains(f, "/src/sync/") &&
			!strings.Contains(f, "/harness/") && !strings.Contains(f, "/onsi/")
	})
}

func (c *classifier) pickIn(frames []stack.Frame, keep func(string) bool) Location {
	for _, f := range frames {
		if keep(f.File) {
			return c.located(f.File, f.Line, f.ShortFunc())
		}
	}
	return Location{}
}

func (c *classifier) isKataFile(path string) bool {
	return path != "" && filepath.Dir(path) == c.KataDir && !strings.HasSuffix(path, "_test.go")
}

func (c *classifier) isSpecFile(path string) bool {
	return path != "" && filepath.Dir(path) == c.KataDir && strings.HasSuffix(path, "_test.go")
}

// located fills in the source text of file:line, read from the file that was
// actually built (the replacement, under an overlay).
func (c *classifier) located(file string, line int, fn string) Location {
	l := Location{File: file, Line: line, Func: fn}
	src := file
	if repl, ok := c.Overlay[file]; ok {
		src = repl
	}
	if data, err := os.ReadFile(src); err == nil {
		lines := strings.Split(string(data), "\n")
		if line >= 1 && line <= len(lines) {
			l.Source = strings.TrimSpace(lines[line-1])
		}
	}
	return l
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
