package cli

import (
	"bufio"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/racekatas/racekatas/harness/internal/manifest"
	"github.com/racekatas/racekatas/harness/internal/report"
	"github.com/racekatas/racekatas/harness/internal/state"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

type watchCmd struct {
	Name     string        `arg:"" optional:"" help:"The kata to start with (default: the next unsolved)."`
	Poll     bool          `help:"Look for changes every --interval instead of waiting for file-system events (for WSL, network and container mounts where events do not arrive)."`
	Interval time.Duration `default:"500ms" help:"How often --poll looks."`
}

// debounce is how long a burst of saves must be quiet before a check: an
// editor often writes a file in several steps.
const debounce = 250 * time.Millisecond

// Run checks the current kata, shows its diagnosis, and checks it again on
// every save. A pass does not move on by itself (an accidental pass should
// not skip a lesson): the learner presses Enter for the next kata.
func (c *watchCmd) Run(a *app) error {
	st := state.Load(a.root)
	k, err := a.target(c.Name, st)
	if err != nil {
		return err
	}
	changes, stopWatching, err := a.watchKata(k, c.Poll, c.Interval)
	if err != nil {
		return err
	}
	defer func() { stopWatching() }()
	keys := readLines(a.io)

	for {
		solved := a.watchRound(k, st) == verdict.Pass
		if solved {
			fmt.Fprintf(a.io.Out, "\n%s\n", a.style.Green("Solved! Press Enter for the next kata, or keep editing; q then Enter quits."))
		} else {
			fmt.Fprintf(a.io.Out, "\n%s\n", a.style.Dim("Watching for saves… (q then Enter quits)"))
		}

	wait:
		for {
			select {
			case <-a.ctx.Done():
				return nil
			case <-changes:
				settle(changes)
				break wait
			case line, ok := <-keys:
				if !ok {
					keys = nil // no more input (not a terminal): keep watching
					continue
				}
				switch strings.TrimSpace(strings.ToLower(line)) {
				case "q", "quit", "exit":
					return nil
				case "", "n", "next":
					if !solved {
						continue
					}
					next, ok := a.firstUnsolved(st, k.Name)
					if !ok {
						fmt.Fprintln(a.io.Out, a.style.Green("Every kata is solved. Well done!"))
						return nil
					}
					stopWatching()
					k = next
					if changes, stopWatching, err = a.watchKata(k, c.Poll, c.Interval); err != nil {
						return err
					}
					break wait
				}
			}
		}
	}
}

// watchRound clears the screen, checks k, shows the diagnosis and returns
// its verdict.
func (a *app) watchRound(k manifest.Kata, st *state.State) verdict.Kind {
	if a.io.IsTerminal {
		fmt.Fprint(a.io.Out, "\x1b[H\x1b[2J")
	}
	pos := 0
	for i, kk := range a.m.Katas {
		if kk.Name == k.Name {
			pos = i + 1
		}
	}
	fmt.Fprintf(a.io.Out, "%s %s (%d/%d) · %s\n\n", a.style.Dim("watching"), a.style.Bold(k.Name), pos, len(a.m.Katas), time.Now().Format("15:04:05"))
	ctx, p := slowProgress(a.ctx, a.io.Err, a.io.IsTerminal)
	p.set("checking %s", k.Name)
	got, err := a.checkKata(ctx, k, st)
	p.stop()
	if err != nil {
		// The kata cannot run (a deleted folder, say): say so and keep
		// watching, so that restoring it recovers.
		fmt.Fprintf(a.io.Out, "%s %v\n", a.style.Red("cannot run:"), err)
		return ""
	}
	_ = st.Save(a.root)
	report.WriteDiagnosis(a.io.Out, a.style, report.KataRef{Name: k.Name, Root: a.root}, got)
	return got.Kind
}

// watchKata reports saves of k's files on the returned channel, from
// file-system events or, with poll, by hashing the folder every interval.
// When events cannot be had at all, it falls back to polling by itself.
func (a *app) watchKata(k manifest.Kata, poll bool, interval time.Duration) (<-chan struct{}, func(), error) {
	changes := make(chan struct{}, 1)
	notify := func() {
		select {
		case changes <- struct{}{}:
		default:
		}
	}
	dir := a.m.Dir(k)
	if !poll {
		w, err := fsnotify.NewWatcher()
		if err == nil {
			err = w.Add(dir)
		}
		if err == nil {
			done := make(chan struct{})
			go func() {
				for {
					select {
					case <-done:
						return
					case ev, ok := <-w.Events:
						if !ok {
							return
						}
						if relevant(ev) {
							notify()
						}
					case _, ok := <-w.Errors:
						if !ok {
							return
						}
					}
				}
			}()
			var once bool
			return changes, func() {
				if !once {
					once = true
					close(done)
					w.Close()
				}
			}, nil
		}
		if w != nil {
			w.Close()
		}
		fmt.Fprintf(a.io.Err, "kata: file-system events are not available here (%v); looking for changes every %s instead\n", err, interval)
	}

	stop := make(chan struct{})
	go func() {
		last, _ := state.Hash(a.root, dir)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				if h, _ := state.Hash(a.root, dir); h != last {
					last = h
					notify()
				}
			}
		}
	}()
	var once bool
	return changes, func() {
		if !once {
			once = true
			close(stop)
		}
	}, nil
}

// relevant reports whether an event is a save of a Go source file or the
// README, not an editor's swap or backup file.
func relevant(ev fsnotify.Event) bool {
	if !ev.Has(fsnotify.Write) && !ev.Has(fsnotify.Create) && !ev.Has(fsnotify.Rename) && !ev.Has(fsnotify.Remove) {
		return false
	}
	name := filepath.Base(ev.Name)
	if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") {
		return false
	}
	return strings.HasSuffix(name, ".go")
}

// settle waits until saves have been quiet for the debounce interval.
func settle(changes <-chan struct{}) {
	t := time.NewTimer(debounce)
	defer t.Stop()
	for {
		select {
		case <-changes:
			t.Reset(debounce)
		case <-t.C:
			return
		}
	}
}

// readLines delivers the learner's input lines; the channel closes at the
// end of input.
func readLines(io IO) <-chan string {
	lines := make(chan string)
	if io.In == nil {
		close(lines)
		return lines
	}
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(io.In)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	return lines
}
