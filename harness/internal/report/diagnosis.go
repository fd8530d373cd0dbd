package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/racekatas/racekatas/harness/internal/diagnose"
	"github.com/racekatas/racekatas/harness/internal/manifest"
	"github.com/racekatas/racekatas/harness/internal/stack"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

// KataRef names the kata a diagnosis is about and the root paths are shown from.
type KataRef struct {
	Name string // "01-shared-struct"
	Root string // repository root, to shorten paths
}

// headline says what each kind means, in one learner sentence.
var headline = map[verdict.Kind]string{
	verdict.Pass:        "every spec passes",
	verdict.Race:        "two goroutines touch the same memory at once, and at least one of them writes",
	verdict.Deadlock:    "the code is stuck waiting, and nothing will wake it",
	verdict.BusyWait:    "a goroutine keeps running while it should be waiting",
	verdict.Leak:        "a goroutine is still running after its work was done",
	verdict.Panic:       "the program panicked",
	verdict.WrongResult: "a spec's expectation did not hold",
	verdict.BuildError:  "the code does not compile",
	verdict.Timeout:     "the run did not finish within its time bound",
}

// Headline is the sentence shown next to a kind.
func Headline(k verdict.Kind) string { return headline[k] }

// WriteDiagnosis renders d for a learner.
func WriteDiagnosis(w io.Writer, s Style, k KataRef, d diagnose.Diagnosis) {
	p := printer{w: w, s: s, root: k.Root}
	mark := s.Red("✗")
	if d.Kind == verdict.Pass {
		mark = s.Green("✓")
	}
	p.line("%s %s · %s: %s", mark, s.Bold(k.Name), kindLabel(s, d.Kind), Headline(d.Kind))
	if d.Spec != "" {
		p.line("  %s %s", s.Dim("spec:"), d.Spec)
	}
	p.line("")

	switch d.Kind {
	case verdict.Pass:
		p.line("  Solved. `%s` moves on to the next kata.", manifest.Command(k.Root))
		return
	case verdict.Race:
		p.race(d)
	case verdict.Deadlock:
		closing := "Nothing can ever wake them: each is waiting for something only another stuck goroutine, or no one, would do."
		for _, b := range d.Blocked {
			if !stack.Blocking(b.State) {
				closing = "The call should have returned long ago: it is still running, or waiting for something that comes late or never."
			}
		}
		if why := lockClosing(d); why != "" {
			closing = why
		}
		if len(d.KeptLocked) > 0 {
			closing = "No stuck goroutine holds the lock they wait for: code that already returned left it locked."
		}
		p.blocked(d, closing)
		p.keptLocked(d)
		p.next(d)
	case verdict.BusyWait:
		closing := "Each loops, checking again and again, instead of blocking until there is something to do: it burns a core for as long as it waits. Receive from a channel, wait on a sync.Cond or a WaitGroup, or select on a context's Done."
		if strings.Contains(d.Message, "had not returned") {
			closing = "A busy loop that never ends (a livelock, when several goroutines keep undoing what the others need): the call never returned, yet never blocked either. It checks a condition again and again, burning a core, and what it waits for never comes. Block instead (receive from a channel, wait on a sync.Cond or a WaitGroup, select on a context's Done), then find out why the condition never became true."
		}
		p.blocked(d, closing)
	case verdict.Leak:
		p.blocked(d, "When a spec ends, every goroutine it started must have finished. These never will: give each a way to stop (a closed channel, a cancelled context) and make sure its sends have a receiver.")
	case verdict.Panic:
		p.line("  %s", s.Bold("panic: "+d.Message))
		if !d.At.IsZero() {
			p.loc("  at ", d.At)
		}
		p.deferred(d)
	case verdict.WrongResult, verdict.Timeout:
		if d.Message != "" {
			p.indented(d.Message, "  ")
		}
		if !d.SpecAt.IsZero() {
			p.line("  %s %s", s.Dim("checked at"), p.rel(d.SpecAt.File, d.SpecAt.Line))
		}
		if !d.At.IsZero() {
			p.loc("  in your code, which called the spec's function: ", d.At)
		}
		for i, l := range d.Called {
			prefix := "  the spec called "
			if i > 0 {
				prefix = "  and "
			}
			p.line("%s%s %s", prefix, s.Bold(l.Func), s.Dim("("+filepath.Base(p.rel(l.File, l.Line))+")"))
		}
		for _, b := range d.Blocked {
			p.goroutine(b)
		}
	case verdict.BuildError:
		for _, pr := range d.Problems {
			p.line("  %s: %s", s.Bold(p.rel(pr.At.File, pr.At.Line)), pr.Message)
			if pr.At.Source != "" {
				p.line("      %s", s.Dim(pr.At.Source))
			}
		}
		if len(d.Problems) == 0 {
			p.indented(d.Message, "  ")
		}
	}
	p.line("")
	if _, err := os.Stat(filepath.Join(k.Root, "katas", k.Name, "README.md")); err == nil {
		p.line("  %s katas/%s/README.md · a hint: %s hint %s", s.Dim("Read"), k.Name, manifest.Command(k.Root), k.Name)
	} else {
		p.line("  %s %s hint %s", s.Dim("A hint:"), manifest.Command(k.Root), k.Name)
	}
	p.line("  %s", s.Dim("Raw output: add --verbose."))
}

func kindLabel(s Style, k verdict.Kind) string {
	if k == verdict.Pass {
		return s.Green(s.Bold(k.Label()))
	}
	return s.Red(s.Bold(k.Label()))
}

type printer struct {
	w    io.Writer
	s    Style
	root string
}

func (p printer) line(format string, a ...any) {
	fmt.Fprintf(p.w, format+"\n", a...)
}

func (p printer) indented(text, prefix string) {
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		p.line("%s%s", prefix, l)
	}
}

// rel shortens an absolute path to one relative to the repository.
func (p printer) rel(file string, line int) string {
	if r, err := filepath.Rel(p.root, file); err == nil && !strings.HasPrefix(r, "..") {
		file = filepath.ToSlash(r)
	}
	return fmt.Sprintf("%s:%d", file, line)
}

func (p printer) loc(prefix string, l diagnose.Location) {
	fn := ""
	switch {
	case l.Node != "":
		fn = p.s.Dim(" in " + l.Node)
	case l.Func != "":
		fn = p.s.Dim(" in " + l.Func)
	}
	p.line("%s%s%s", prefix, p.s.Bold(p.rel(l.File, l.Line)), fn)
	if l.Source != "" {
		// The source sits a little right of where the prefix starts, so
		// a long prefix does not push it across the line.
		indent := len(prefix) - len(strings.TrimLeft(prefix, " ")) + 7
		p.line("%s%s", strings.Repeat(" ", indent), p.s.Cyan(l.Source))
	}
}

func (p printer) goroutine(b diagnose.Blocked) {
	p.line("  goroutine %d, %s", b.Goroutine, stack.Describe(b.State))
	p.loc("    at ", b.At)
	for _, c := range b.Calls {
		p.loc("    called from ", c)
	}
	for _, h := range b.Holds {
		kind := ""
		if h.Read {
			kind = " (a read lock)"
		}
		p.line("    %s %s%s, %s %s%s", p.s.Dim("holds"), p.s.Bold(h.Lock), kind, p.s.Dim("locked at"),
			filepath.Base(p.rel(h.At.File, h.At.Line)), p.s.Dim(" and not unlocked before this call"))
	}
	if !b.Started.IsZero() {
		p.line("    %s %s", p.s.Dim("started at"), p.rel(b.Started.File, b.Started.Line))
	}
	switch {
	case b.Alike == 1:
		p.line("    %s", p.s.Dim("and 1 more goroutine like this one"))
	case b.Alike > 1:
		p.line("    %s", p.s.Dim(fmt.Sprintf("and %d more goroutines like this one", b.Alike)))
	}
}

// lockClosing explains a deadlock on locks from the locks each goroutine
// holds: one that waits for a lock it holds itself, or goroutines that each
// hold what another waits for.
func lockClosing(d diagnose.Diagnosis) string {
	holding := 0
	for _, b := range d.Blocked {
		for _, h := range b.Holds {
			if h.Lock != b.WaitsFor {
				continue
			}
			if h.Read && strings.Contains(b.State, "RLock") {
				return fmt.Sprintf("This goroutine asks for a read lock on %s that it already holds. A second RLock waits behind any writer that queued after the first (an RWMutex lets no new reader in while a writer waits), and the writer waits for the first RLock to be released: neither can move. A goroutine must never ask again for a lock it holds, not even a read lock.", h.Lock)
			}
			return fmt.Sprintf("This goroutine waits for %s, which it locked itself, further up its calls: a mutex is not reentrant, so the second Lock waits for an Unlock that can only come after it. A goroutine must never ask again for a lock it holds.", h.Lock)
		}
		if b.WaitsFor != "" && len(b.Holds) > 0 {
			holding += 1 + b.Alike // A→B and B→A run the same lines
		}
	}
	if holding >= 2 {
		return "Each goroutine holds one lock and waits for another that a second goroutine holds: they took the same locks in opposite orders (A then B, and B then A), and each now waits for the other forever. Locks always taken in one agreed order can never form such a cycle."
	}
	return ""
}

// keptLocked lists the returns that leave a lock locked, when the
// goroutines wait for a lock none of them holds.
func (p printer) keptLocked(d diagnose.Diagnosis) {
	if len(d.KeptLocked) == 0 {
		return
	}
	p.line("")
	p.wrapped("These returns come after a Lock and before its Unlock:", "  ")
	for _, k := range d.KeptLocked {
		p.line("  %s locked at %s%s", p.s.Bold(k.Lock), p.rel(k.At.File, k.At.Line), p.s.Dim(" in "+k.At.Func))
		for _, r := range k.Returns {
			p.loc("    returns at ", r)
		}
	}
	p.wrapped("Every way out of the function must unlock, early returns and panics included.", "  ")
}

// next shows the next failing spec when the deadlock showed only spec lines.
func (p printer) next(d diagnose.Diagnosis) {
	if d.Next == nil {
		return
	}
	p.line("")
	p.wrapped("These lines are the spec's, not yours, so they say only that the spec waited for something your code never did. The next failing spec says what:", "  ")
	p.line("  %s %s", p.s.Dim("spec:"), d.Next.Spec)
	if d.Next.Message != "" {
		p.indented(d.Next.Message, "    ")
	}
	if !d.Next.SpecAt.IsZero() {
		p.line("    %s %s", p.s.Dim("checked at"), p.rel(d.Next.SpecAt.File, d.Next.SpecAt.Line))
	}
}

// deferred names the deferred call behind a panic in sync and the explicit
// call of the same kind that ran before it.
func (p printer) deferred(d diagnose.Diagnosis) {
	if d.Deferred == nil {
		return
	}
	p.loc("  raised by the deferred call at ", d.Deferred.At)
	for _, e := range d.Deferred.Earlier {
		p.loc("  which ran after the explicit call at ", e)
	}
	p.line("")
	if len(d.Deferred.Earlier) > 0 {
		p.wrapped("The runtime shows a deferred call where the function returns. It ran after the explicit call on the same path: one call too many. Each Lock gets exactly one Unlock, each Add exactly one Done, on every path through the function.", "  ")
		return
	}
	p.wrapped("The runtime shows a deferred call where the function returns. By then, another call had already done what it undoes: each Lock gets exactly one Unlock, each Add one Done, on every path.", "  ")
}

func (p printer) blocked(d diagnose.Diagnosis, closing string) {
	if len(d.Blocked) == 0 {
		p.indented(d.Message, "  ")
	}
	for _, b := range d.Blocked {
		p.goroutine(b)
	}
	if strings.Contains(d.Message, "No goroutine of your code is left running") {
		closing = "Your goroutines have all returned, but the spec still waits: a value was never sent, or a channel never closed."
	}
	p.line("")
	p.wrapped(closing, "  ")
}

// race shows the two sides of each race side by side, one column per
// goroutine, so the learner sees the two lines that ran at once.
func (p printer) race(d diagnose.Diagnosis) {
	for i, r := range d.Races {
		if i == 3 {
			p.line("  … and %d more race reports (--verbose shows them)", len(d.Races)-3)
			break
		}
		if r.Variable != "" {
			p.line("  on the global variable %s", p.s.Bold(r.Variable))
		}
		cols := make([][]string, len(r.Accesses))
		for j, a := range r.Accesses {
			cols[j] = p.accessColumn(a)
		}
		p.columns(cols)
		p.line("")
	}
	if d.Message != "" {
		p.line("  %s", d.Message)
	}
	if d.Crash != nil {
		p.line("  %s", p.s.Bold("and then: panic: "+d.Crash.Message))
		if !d.Crash.At.IsZero() {
			p.loc("  at ", d.Crash.At)
		}
		p.line("")
		p.wrapped("The race comes first, the crash follows from it: one goroutine read what another was writing, unordered, and saw it half done. A nil check or a recover at the crash would hide the race, not fix it; order the accesses and the crash goes with it.", "  ")
		p.line("")
	}
	if d.Advice != "" {
		p.wrapped(d.Advice, "  ")
		return
	}
	if atomic, plain, ok := atomicAndPlain(d); ok {
		where := "a plain access"
		if !plain.At.IsZero() {
			where = "the plain " + plain.Op + " at " + p.rel(plain.At.File, plain.At.Line)
		}
		p.wrapped(fmt.Sprintf("One side is atomic (%s), the other is not: an atomic operation orders only against other atomic operations on the same variable, so %s is as unordered as if neither were atomic. Make that side atomic too (an atomic.Load, or an atomic type such as atomic.Int64, which allows no plain access at all), or guard both sides with one mutex.", atomic.Atomic, where), "  ")
		return
	}
	if closesChannel(d) {
		p.wrapped("A channel was closed while another goroutine may still send on it: nothing orders the close after the send. Only the senders know when they are done, so close after they have all finished (count them with a WaitGroup), from one place.", "  ")
		return
	}
	p.wrapped("Nothing orders these accesses: no lock, channel or atomic operation stands between them, so either may see the other half done. Guard the data with one mutex used on both sides, make it atomic, or hand it over through a channel.", "  ")
}

func (p printer) accessColumn(a diagnose.Access) []string {
	who := fmt.Sprintf("goroutine %d", a.Goroutine)
	col := []string{p.s.Bold(who + " " + verb(a.Op))}
	if a.Atomic != "" {
		col = append(col, p.s.Dim("with ")+a.Atomic)
		switch {
		case a.At.IsZero():
			col = append(col, p.s.Dim("(its caller is not in the report)"))
		case a.AtGuessed:
			col = append(col, p.s.Dim("(not in the report; found in your code)"))
		}
	}
	if !a.At.IsZero() {
		col = append(col, p.rel(a.At.File, a.At.Line))
		if a.At.Node != "" {
			col = append(col, p.s.Dim("in "+a.At.Node))
		} else if a.At.Func != "" {
			col = append(col, p.s.Dim("in "+a.At.Func))
		}
		if a.At.Source != "" {
			col = append(col, p.s.Cyan("› "+a.At.Source))
		}
	}
	switch {
	case a.StartedIn != "":
		col = append(col, p.s.Dim("started by ")+a.StartedIn)
	case !a.StartedBySpec && !a.Started.IsZero():
		col = append(col, p.s.Dim("started at ")+filepath.Base(p.rel(a.Started.File, a.Started.Line)))
	case !a.Started.IsZero():
		col = append(col, p.s.Dim("started by the spec, ")+filepath.Base(p.rel(a.Started.File, a.Started.Line)))
	default:
		col = append(col, p.s.Dim("started by the spec"))
	}
	return col
}

// closesChannel reports whether a race is a close against a send.
func closesChannel(d diagnose.Diagnosis) bool {
	for _, r := range d.Races {
		for _, a := range r.Accesses {
			if a.Op == "close" {
				return true
			}
		}
	}
	return false
}

func verb(op string) string {
	switch op {
	case "close":
		return "closes the channel"
	case "send":
		return "sends on it"
	case "receive":
		return "receives from it"
	case "write", "read":
		return op + "s"
	case "previous write":
		return "writes"
	case "atomic write", "atomic read":
		return strings.TrimPrefix(op, "atomic ") + "s atomically"
	}
	return op
}

// atomicAndPlain finds, in the first race, an atomic access against a
// plain one.
func atomicAndPlain(d diagnose.Diagnosis) (atomic, plain diagnose.Access, ok bool) {
	if len(d.Races) == 0 {
		return atomic, plain, false
	}
	var hasAtomic, hasPlain bool
	for _, a := range d.Races[0].Accesses {
		if a.Atomic != "" || strings.HasPrefix(a.Op, "atomic") {
			atomic, hasAtomic = a, true
		} else {
			plain, hasPlain = a, true
		}
	}
	return atomic, plain, hasAtomic && hasPlain
}

const colWidth = 44

func (p printer) columns(cols [][]string) {
	rows := 0
	for _, c := range cols {
		rows = max(rows, len(c))
	}
	for r := 0; r < rows; r++ {
		var cells []string
		for ci, c := range cols {
			cell := ""
			if r < len(c) {
				cell = c[r]
			}
			if ci < len(cols)-1 {
				cell = pad(clip(cell, colWidth), colWidth)
			}
			cells = append(cells, cell)
		}
		p.line("  %s", strings.Join(cells, p.s.Dim(" │ ")))
	}
}

// visibleLen is the printed width of s, ignoring colour codes.
func visibleLen(s string) int {
	n, esc := 0, false
	for _, r := range s {
		switch {
		case r == '\x1b':
			esc = true
		case esc:
			if r == 'm' {
				esc = false
			}
		default:
			n++
		}
	}
	return n
}

func pad(s string, w int) string {
	if n := visibleLen(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// clip shortens s to w printed characters, keeping colour codes balanced by
// clipping before colouring would be cleaner; callers colour whole cells, so
// a clipped cell keeps its codes and loses only text.
func clip(s string, w int) string {
	if visibleLen(s) <= w {
		return s
	}
	var b strings.Builder
	n, esc := 0, false
	for _, r := range s {
		switch {
		case r == '\x1b':
			esc = true
			b.WriteRune(r)
		case esc:
			b.WriteRune(r)
			if r == 'm' {
				esc = false
			}
		case n < w-1:
			b.WriteRune(r)
			n++
		case n == w-1:
			b.WriteRune('…')
			n++
		}
	}
	if strings.Contains(s, "\x1b") && !strings.HasSuffix(b.String(), reset) {
		b.WriteString(reset)
	}
	return b.String()
}

func (p printer) wrapped(text, prefix string) {
	const width = 92
	var line strings.Builder
	for _, word := range strings.Fields(text) {
		if line.Len() > 0 && utf8.RuneCountInString(line.String())+1+utf8.RuneCountInString(word) > width-len(prefix) {
			p.line("%s%s", prefix, line.String())
			line.Reset()
		}
		if line.Len() > 0 {
			line.WriteByte(' ')
		}
		line.WriteString(word)
	}
	if line.Len() > 0 {
		p.line("%s%s", prefix, line.String())
	}
}

// Summary is a diagnosis in one line, with the learner's line it points at
// (zero when it has none): for grading tables, annotations and JUnit.
func Summary(root string, d diagnose.Diagnosis) (string, diagnose.Location) {
	p := printer{root: root}
	at := Primary(d)
	text := d.Kind.Label() + ": " + Headline(d.Kind)
	switch d.Kind {
	case verdict.Race:
		var sides []string
		if len(d.Races) > 0 { // the first report stands for all
			for _, a := range d.Races[0].Accesses {
				if !a.At.IsZero() {
					sides = append(sides, fmt.Sprintf("%s at %s", a.Op, p.rel(a.At.File, a.At.Line)))
				}
			}
		}
		if len(sides) > 0 {
			text += " (" + strings.Join(sides, ", ") + ")"
		}
		if d.Crash != nil {
			text += "; then panic: " + d.Crash.Message
		}
	case verdict.Deadlock, verdict.BusyWait, verdict.Leak:
		if len(d.Blocked) > 0 {
			b := d.Blocked[0]
			text += fmt.Sprintf(" (goroutine %s at %s)", stack.Describe(b.State), p.rel(b.At.File, b.At.Line))
		}
	case verdict.Panic:
		text += ": " + d.Message
		if !at.IsZero() {
			text += " at " + p.rel(at.File, at.Line)
		}
	case verdict.BuildError:
		if len(d.Problems) > 0 {
			text += ": " + p.rel(d.Problems[0].At.File, d.Problems[0].At.Line) + ": " + d.Problems[0].Message
		}
	case verdict.WrongResult, verdict.Timeout:
		if d.Spec != "" {
			text += ": " + d.Spec
		}
	}
	return text, at
}

// Primary is the one place a diagnosis points at: the learner's line where
// there is one, else the spec's.
func Primary(d diagnose.Diagnosis) diagnose.Location {
	if _, plain, ok := atomicAndPlain(d); ok && !plain.At.IsZero() {
		return plain.At // the side to change
	}
	for _, k := range d.KeptLocked {
		if len(k.Returns) > 0 {
			return k.Returns[0] // the return that kept the lock
		}
	}
	if f := d.Deferred; f != nil {
		if len(f.Earlier) > 0 {
			return f.Earlier[0] // the call one too many
		}
		return f.At
	}
	for _, r := range d.Races {
		for _, a := range r.Accesses {
			if !a.At.IsZero() {
				return a.At
			}
		}
	}
	for _, b := range d.Blocked {
		if !b.At.IsZero() {
			return b.At
		}
	}
	if !d.At.IsZero() {
		return d.At
	}
	return d.SpecAt
}

// Plain renders a diagnosis without colour, for files.
func Plain(k KataRef, d diagnose.Diagnosis) string {
	var b strings.Builder
	WriteDiagnosis(&b, Style{}, k, d)
	return b.String()
}
