package cli

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// progress shows what long work is doing. On a terminal it redraws one line
// with a spinner; elsewhere it stays silent unless asked to log each step.
type progress struct {
	w    io.Writer
	live bool

	mu      sync.Mutex // protects the fields below
	text    string
	frame   int
	stopped chan struct{}
	done    chan struct{}
}

func newProgress(w io.Writer, live bool) *progress {
	p := &progress{w: w, live: live}
	if live {
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
			p.draw()
			p.mu.Unlock()
		}
	}
}

// draw writes the current line; p.mu must be held.
func (p *progress) draw() {
	if p.text == "" {
		return
	}
	fmt.Fprintf(p.w, "\r\x1b[2K%s %s", spinner[p.frame%len(spinner)], p.text)
}

// set replaces the line shown.
func (p *progress) set(format string, a ...any) {
	if !p.live {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.text = fmt.Sprintf(format, a...)
	p.draw()
}

// stop clears the line; call it before printing results.
func (p *progress) stop() {
	if !p.live {
		return
	}
	close(p.stopped)
	<-p.done
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
