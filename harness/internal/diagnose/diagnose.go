// Package diagnose reads what a kata run printed and says, in one verdict,
// what went wrong and where in the learner's files.
//
// Its inputs are the build output, the binary's interleaved output and
// Ginkgo's JSON report (see package runner). Data races are read from the
// race detector's reports in the output, because Ginkgo reports a spec that
// raced as passed; crashes (a panic on a goroutine of the kata, "test timed
// out") are read from the output too, because a crashed suite writes no
// report; every other failure comes from the report.
//
// A diagnosis names the cause where it can, not only where the program
// stopped: a race that then crashed is a race, with the crash as its
// consequence; a blocked goroutine comes with the calls that led to its
// line and the locks it holds; a panic in a deferred Unlock or Done names
// the defer and the explicit call before it (see source.go, which reads the
// learner's files for what a stack cannot show).
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
	// Node names the Ginkgo node around a function literal of a spec file,
	// which Go names "init.func1.1.1": `It("closes its channel") at line 11`.
	Node string `json:"node,omitempty"`
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
	// Atomic names the sync/atomic call of an atomic access
	// ("atomic.AddInt64"); Op then starts with "atomic".
	Atomic string `json:"atomic,omitempty"`
	// AtGuessed is true when the report left At out and it was found in
	// the source instead: the one call of Atomic in the learner's files.
	AtGuessed bool `json:"atGuessed,omitempty"`
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
	// Calls are the further frames in the learner's files, innermost
	// first: the calls that led to At, up to the function the go
	// statement started.
	Calls []Location `json:"calls,omitempty"`
	// Holds are the locks that At's function and its callers took, as
	// their source reads, and had not unlocked: the other half of a
	// lock-order deadlock, a nested RLock, a send made under a lock.
	Holds []Held `json:"holds,omitempty"`
	// WaitsFor is the lock At asks for ("w.mu"), when At is a Lock or
	// RLock call.
	WaitsFor string   `json:"waitsFor,omitempty"`
	Started  Location `json:"started,omitempty"`
	// Alike counts the further goroutines just like this one (same
	// state, calls and go statement), shown once.
	Alike int `json:"alike,omitempty"`
}

// Crash is a panic that a race led to: shown after the race, as its
// consequence.
type Crash struct {
	Message string   `json:"message"`
	At      Location `json:"at,omitempty"`
}

// SpecFailure is one more failing spec, shown when the verdict's own spec
// says little (a deadlock with only spec lines).
type SpecFailure struct {
	Spec    string   `json:"spec"`
	SpecAt  Location `json:"specAt,omitempty"`
	Message string   `json:"message,omitempty"`
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
	// Crash is the panic that followed a race (Kind is Race).
	Crash *Crash `json:"crash,omitempty"`
	// Deferred names the deferred call that panicked (a second Unlock or
	// Done) and the explicit calls before it (Kind is Panic).
	Deferred *DeferredCall `json:"deferred,omitempty"`
	// KeptLocked lists the returns that leave a lock locked, when the
	// goroutines of a deadlock wait for a lock that none of them holds.
	KeptLocked []KeptLock `json:"keptLocked,omitempty"`
	// Next is the next failing spec, when a deadlock shows only spec lines.
	Next *SpecFailure `json:"next,omitempty"`
	// Called are the learner's functions that the failed assertion's
	// statement (or the nearest one before it) called, when the stack of
	// the failure shows none.
	Called []Location `json:"called,omitempty"`
	// Advice is the kata's own advice for its race (from the manifest).
	Advice string `json:"advice,omitempty"`
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
	// Advice is the kata's own advice for a race (the manifest's advice):
	// what to do about this kata's race, in place of the general advice.
	Advice string
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
	sources map[string]*source // parsed files, by path
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
		file = c.unoverlay(filepath.Clean(file))
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

// compilerRE matches "file.go:12:5: message". The file may start with a
// Windows drive ("C:\Users\…") and hold spaces.
var compilerRE = regexp.MustCompile(`^((?:[A-Za-z]:)?[^:\s][^:]*\.go):(\d+)(?::(\d+))?: (.*)$`)

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
	races := c.races(out)
	if p, ok := c.crash(out); ok {
		if p.Spec == "" {
			// A crash kills the suite before Ginkgo reports; the spec that
			// was running announced itself before it started.
			p.Spec = specBefore(out, crashStart(out))
		}
		if p.Kind == verdict.Panic && len(races) > 0 {
			// The race is the cause, the crash its consequence: a nil
			// check at the crash would hide the race, not fix it.
			return c.raceThenCrash(d, races, p)
		}
		return c.finish(d, p)
	}
	if f, ok := c.failedWith(func(r types.SpecReport) bool { return r.State == types.SpecStatePanicked }); ok {
		d.Kind = verdict.Panic
		c.fromSpec(&d, f)
		d.Message = f.Failure.ForwardedPanic
		frames := stack.ParseFrames(f.Failure.Location.FullStackTrace)
		d.At = c.pick(frames, true)
		d.Deferred = c.deferredFrom(frames)
		if len(races) > 0 {
			return c.raceThenCrash(d, races, d)
		}
		return d
	}
	var spinning *types.SpecReport
	if f, ok := c.failedWith(messagePrefix("DEADLOCK:")); ok {
		blocked := c.blockedFromMessage(f.Failure.Message)
		if !allRunning(blocked) {
			d.Kind = verdict.Deadlock
			c.fromSpec(&d, f)
			d.Blocked = blocked
			c.explainDeadlock(&d, f)
			return d
		}
		// Every goroutine listed is running: a busy loop that never ends,
		// not goroutines waiting for each other (a harness that sampled
		// them says BUSY-WAIT itself). A race, if any, comes first.
		spinning = &f
	}
	if len(races) > 0 {
		d.Kind = verdict.Race
		d.Races = races
		d.Spec = specBefore(out, strings.Index(out, raceStart))
		d.Advice = c.Advice
		return d
	}
	if spinning != nil {
		d.Kind = verdict.BusyWait
		c.fromSpec(&d, *spinning)
		d.Blocked = c.blockedFromMessage(spinning.Failure.Message)
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
		// The learner's function the assertion ran in (a callback the spec
		// gave the code), or else the ones the spec called to get the
		// value it checks.
		d.At = c.pick(stack.ParseFrames(f.Failure.Location.FullStackTrace), true)
		if d.At.IsZero() && !d.SpecAt.IsZero() && c.isSpecFile(d.SpecAt.File) {
			d.Called = c.calledFrom(d.SpecAt.File, d.SpecAt.Line)
		}
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
				d.Deferred = c.deferredFrom(dump[0].Frames)
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
// leak check write (see harness/goroutines.go). Paths may hold spaces and,
// on Windows, a drive's colon.
var blockedLineRE = regexp.MustCompile(`goroutine (\d+) \[([^\]]+)\] at (.+?):(\d+) in (\S+)(?: \(started at (.+?):(\d+)\))?`)

// Under a goroutine's line, the harness writes the further calls in the
// learner's files, and a count of the goroutines just like it.
var (
	calledFromRE = regexp.MustCompile(`^\s+called from (\S+):(\d+) in (\S+)$`)
	alikeRE      = regexp.MustCompile(`^\s+and (\d+) more goroutines? like this one`)
)

func (c *classifier) blockedFromMessage(msg string) []Blocked {
	var out []Blocked
	for _, line := range strings.Split(msg, "\n") {
		if m := blockedLineRE.FindStringSubmatch(line); m != nil {
			id, _ := strconv.Atoi(m[1])
			n, _ := strconv.Atoi(m[4])
			b := Blocked{Goroutine: id, State: m[2], At: c.located(m[3], n, m[5])}
			if m[6] != "" {
				sl, _ := strconv.Atoi(m[7])
				b.Started = c.located(m[6], sl, "")
			}
			out = append(out, b)
			continue
		}
		if len(out) == 0 {
			continue
		}
		last := &out[len(out)-1]
		if m := calledFromRE.FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[2])
			last.Calls = append(last.Calls, c.located(m[1], n, m[3]))
		} else if m := alikeRE.FindStringSubmatch(line); m != nil {
			last.Alike, _ = strconv.Atoi(m[1])
		}
	}
	for i := range out {
		c.addHolds(&out[i])
	}
	return groupBlocked(out)
}

// addHolds fills in the locks that b's function and its callers took and
// had not released, as their source reads.
func (c *classifier) addHolds(b *Blocked) {
	if c.isKataFile(b.At.File) {
		b.WaitsFor, _, _ = c.lockCallAt(b.At.File, b.At.Line)
	}
	for _, l := range append([]Location{b.At}, b.Calls...) {
		if c.isKataFile(l.File) {
			b.Holds = append(b.Holds, c.heldAt(l.File, l.Line)...)
		}
	}
}

// groupBlocked shows goroutines that are alike (state, calls, go
// statement) once, counting the others: a repeated scenario leaks the same
// goroutine many times.
func groupBlocked(bs []Blocked) []Blocked {
	var out []Blocked
	index := map[string]int{}
	for _, b := range bs {
		key := fmt.Sprintf("%s|%s:%d|%s:%d", b.State, b.At.File, b.At.Line, b.Started.File, b.Started.Line)
		for _, l := range b.Calls {
			key += fmt.Sprintf("|%s:%d", l.File, l.Line)
		}
		if i, ok := index[key]; ok {
			out[i].Alike += 1 + b.Alike
			continue
		}
		index[key] = len(out)
		out = append(out, b)
	}
	return out
}

func allRunning(bs []Blocked) bool {
	for _, b := range bs {
		if b.State != "running" && b.State != "runnable" {
			return false
		}
	}
	return len(bs) > 0
}

// explainDeadlock adds what the blocked goroutines alone do not show: the
// returns that kept a lock that no stuck goroutine holds, and, when no
// line of the learner's is stuck, the next failing spec.
func (c *classifier) explainDeadlock(d *Diagnosis, f types.SpecReport) {
	learner, waitsOnLock, holds := false, true, false
	fields := map[string]bool{}
	var order []string
	for _, b := range d.Blocked {
		if !c.isKataFile(b.At.File) {
			continue
		}
		learner = true
		holds = holds || len(b.Holds) > 0
		if b.WaitsFor == "" {
			waitsOnLock = false
			continue
		}
		if field := fieldOf(b.WaitsFor); !fields[field] {
			fields[field] = true
			order = append(order, field)
		}
	}
	if learner && waitsOnLock && !holds {
		for _, field := range order {
			d.KeptLocked = append(d.KeptLocked, c.keptLocks(field)...)
		}
	}
	if !learner {
		d.Next = c.nextFailure(f)
	}
}

// nextFailure is the first failing spec other than f that ran.
func (c *classifier) nextFailure(f types.SpecReport) *SpecFailure {
	for _, r := range c.reports {
		if !r.Failed() || r.LeafNodeLocation == f.LeafNodeLocation && SpecText(r) == SpecText(f) {
			continue
		}
		var next Diagnosis
		c.fromSpec(&next, r)
		return &SpecFailure{Spec: next.Spec, SpecAt: next.SpecAt, Message: next.Message}
	}
	return nil
}

// raceThenCrash is the verdict on a run that raced and then crashed: the
// race first, the crash as what it led to.
func (c *classifier) raceThenCrash(base Diagnosis, races []Race, crash Diagnosis) Diagnosis {
	d := Diagnosis{Kind: verdict.Race, Races: races, Raw: base.Raw, Failed: base.Failed, Total: base.Total, Advice: c.Advice}
	d.Spec = specBefore(base.Raw, strings.Index(base.Raw, raceStart))
	if d.Spec == "" {
		d.Spec = crash.Spec
	}
	d.Crash = &Crash{Message: crash.Message, At: crash.At}
	return d
}

// deferredFrom names the deferred call behind a panic raised in sync (a
// second Unlock, one Done too many), from the frame the learner's innermost
// frame called.
func (c *classifier) deferredFrom(frames []stack.Frame) *DeferredCall {
	for i, f := range frames {
		if !c.isKataFile(f.File) {
			continue
		}
		if i == 0 || !strings.HasPrefix(frames[i-1].Func, "sync.") {
			return nil
		}
		callee := frames[i-1].Func
		method := callee[strings.LastIndexByte(callee, '.')+1:]
		switch method {
		case "Unlock", "RUnlock", "Done", "Add":
			return c.deferredCall(f.File, f.Line, method)
		}
		return nil
	}
	return nil
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
		inner := true
		for _, f := range g.Frames {
			if !c.isKataFile(f.File) {
				continue
			}
			if inner { // the frame At names
				inner = false
				continue
			}
			b.Calls = append(b.Calls, c.located(f.File, f.Line, f.ShortFunc()))
		}
		if c.isKataFile(g.CreatedBy.File) || c.isSpecFile(g.CreatedBy.File) {
			b.Started = c.located(g.CreatedBy.File, g.CreatedBy.Line, "")
		}
		c.addHolds(&b)
		out = append(out, b)
	}
	return groupBlocked(out)
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
		op, atomic := s.op, ""
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
		if len(frames) > 0 && strings.HasPrefix(frames[0].Func, "sync/atomic.") {
			// One side is atomic; the race is with a plain access on the
			// other side, which is where the fix goes.
			atomic = strings.TrimPrefix(frames[0].Func, "sync/")
			if !strings.HasPrefix(op, "atomic") {
				op = "atomic " + op
			}
		}
		a := Access{Op: op, Goroutine: s.gid, At: c.pick(frames, true), Atomic: atomic}
		if a.At.IsZero() && atomic != "" {
			// The report shows an atomic side down to sync/atomic only.
			a.At = c.onlyCallOf(atomic)
			a.AtGuessed = !a.At.IsZero()
		}
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

// isKataFile and isSpecFile compare folders in clean form: on Windows a
// stack trace's "C:/x/k.go" and the manifest's "C:\x" are the same place.
func (c *classifier) isKataFile(path string) bool {
	return path != "" && filepath.Dir(path) == filepath.Clean(c.KataDir) && !strings.HasSuffix(path, "_test.go")
}

func (c *classifier) isSpecFile(path string) bool {
	return path != "" && filepath.Dir(path) == filepath.Clean(c.KataDir) && strings.HasSuffix(path, "_test.go")
}

// located fills in the source text of file:line, read from the file that was
// actually built (the replacement, under an overlay).
func (c *classifier) located(file string, line int, fn string) Location {
	l := Location{File: file, Line: line, Func: fn}
	if c.isSpecFile(file) && closureRE.MatchString(fn) {
		// "init.func1.1.1" says nothing; the Ginkgo node around it does.
		if node, at := c.specNode(file, line); node != "" {
			l.Node = fmt.Sprintf("%s at line %d", node, at)
		}
	}
	src := file
	// Go prints paths with forward slashes on every system; the overlay's
	// paths use the system's separator (Windows: \). Clean makes them alike.
	if repl, ok := c.Overlay[filepath.Clean(file)]; ok {
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

// closureRE matches the names Go gives function literals: "init.func1.1.1",
// "glob..func2", "Run.func1".
var closureRE = regexp.MustCompile(`(^|\.)func\d+(\.\d+)*$`)

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
