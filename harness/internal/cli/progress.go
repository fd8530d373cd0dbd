package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/racekatas/racekatas/harness/internal/check"
)

// progress shows what long work is doing. On a terminal it redraws one line
// with a spinner; elsewhere it stays silent unless asked to log each step.
//
// A progress made by slowProgress also explains a wait that lasts: after
// slowAfter it shows the time taken and slowNote (on a terminal in the
// spinner's line; elsewhere as a line every logEvery), because the first
// check on a fresh machine compiles for a minute or two in silence.
type progress struct {
	w     io.Writer
	live  bool
	slow  bool // explain long waits (see slowProgress)
	start time.Time

	mu      sync.Mutex // protects the fields below
	text    string
	note    string // said once the wait is long; "" for none
	frame   int
	logged  time.Duration // elapsed time of the last line logged off a terminal
	stopped chan struct{}
	done    chan struct{}
}

// How long a wait lasts before it is explained, and how often off a terminal
// (variables so that tests can shorten them).
var (
	slowAfter = 3 * time.Second
	logEvery  = 10 * time.Second
)

const (
	slowNote = "the first build on a machine compiles Ginkgo, Gomega and the race runtime once (a minute or two on two cores); later checks take a second or two"
)

func newProgress(w io.Writer, live bool) *progress {
	return startProgress(&progress{w: w, live: live, start: time.Now()})
}

// slowProgress is a progress that explains a long build, on a terminal or
// not. It returns ctx with the check phases wired to it: while a kata is
// being built, the line says so.
func slowProgress(ctx context.Context, w io.Writer, live bool) (context.Context, *progress) {
	p := startProgress(&progress{w: w, live: live, slow: true, start: time.Now()})
	return check.WithPhases(ctx, func(kata string, ph check.Phase) {
		p.mu.Lock()
		defer p.mu.Unlock()
		if ph == check.Building {
			p.note = "building " + kata + ": " + slowNote
		} else {
			p.note = ""
		}
	}), p
}

func startProgress(p *progress) *progress {
	if p.live || p.slow {
		p.stopped = make(chan struct{})
		p.done = make(chan struct{})
		go p.spin()
	}
	return p
}

var spinner = []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}

func (p *progress) spin() {
	defer close(p.done)
	t := time.NewTicker(120 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-p.stopped:
			return
		case <-t.C:
			p.mu.Lock()
			p.frame++
			if p.live {
				p.draw()
			} else {
				p.log()
			}
			p.mu.Unlock()
		}
	}
}

// draw writes the current line; p.mu must be held.
func (p *progress) draw() {
	if p.text == "" {
		return
	}
	line := p.text
	if elapsed := time.Since(p.start); p.slow && elapsed >= slowAfter {
		line = fmt.Sprintf("%s · %s", line, elapsed.Truncate(time.Second))
		if p.note != "" {
			line += " · " + p.note
		}
	}
	fmt.Fprintf(p.w, "\r\x1b[2K%s %s", spinner[p.frame%len(spinner)], line)
}

// log writes a line off a terminal once the wait is long, then one every
// logEvery; p.mu must be held.
func (p *progress) log() {
	elapsed := time.Since(p.start)
	if p.text == "" || elapsed < slowAfter || (p.logged > 0 && elapsed-p.logged < logEvery) {
		return
	}
	if p.note == "" {
		return // only a build is worth a line: runs end within seconds
	}
	fmt.Fprintf(p.w, "%s: %s so far (%s)\n", p.text, elapsed.Truncate(time.Second), p.note)
	p.logged = elapsed
}

// set replaces the line shown.
func (p *progress) set(format string, a ...any) {
	if !p.live && !p.slow {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.text = fmt.Sprintf(format, a...)
	if p.live {
		p.draw()
	}
}

// stop clears the line; call it before printing results.
func (p *progress) stop() {
	if !p.live && !p.slow {
		return
	}
	close(p.stopped)
	<-p.done
	if !p.live {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.text != "" {
		fmt.Fprint(p.w, "\r\x1b[2K")
	}
	p.text = ""
}

// bar renders a progress bar: ▕████░░░░▏.
func bar(done, total, width int) string {
	if total <= 0 {
		return "▕" + strings.Repeat("░", width) + "▏"
	}
	full := done * width / total
	return "▕" + strings.Repeat("█", full) + strings.Repeat("░", width-full) + "▏"
}
