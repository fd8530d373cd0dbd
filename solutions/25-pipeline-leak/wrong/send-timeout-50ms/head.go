// Kata 25, a tempting wrong fix: let each stage give up a send that nobody
// has taken within 50 ms.
//
// It is tempting because it needs no new parameter and nothing in Head:
// once Head stops receiving, every stage times out on its send, closes its
// channel and returns, and a leak check that waits half a second finds
// nothing. But a timeout is a guess, not a signal. After Head has returned,
// the stages linger until their timers fire (longer on a busy machine); and
// when the machine stalls for 50 ms while Head is still reading (a GC pause,
// a starved CPU), a stage gives up in the middle of the log, closes its
// channel, and Head returns fewer than n entries although the log had more.
// Head must tell every stage that it has stopped, and each stage must wait
// for its send and for that signal at once.
package loghead

import (
	"context"
	"strings"
	"time"
)

// sendTimeout is how long a stage waits for the next stage to take a value
// before concluding that nobody is reading any more.
const sendTimeout = 50 * time.Millisecond

// Entry is one line of the log, parsed.
type Entry struct {
	Level string // the line's first word: "INFO", "WARN", "ERROR"...
	Msg   string // the rest of the line
}

// Head returns the first n entries of the log, in order, or every entry if
// the log ends first. n must be at least 1.
//
// read returns the log's next line, and ok == false once the log has ended;
// a live log never ends. Head calls read from one goroutine at a time.
func Head(ctx context.Context, read func() (line string, ok bool), n int) []Entry {
	entries := parseLines(readLines(read))

	var head []Entry
	for e := range entries {
		head = append(head, e)
		if len(head) == n {
			break
		}
	}
	return head
}

// readLines is the first stage: it sends every line of the log on the
// channel it returns, and closes the channel when the log ends.
func readLines(read func() (string, bool)) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		t := time.NewTimer(sendTimeout)
		defer t.Stop()
		for {
			line, ok := read()
			if !ok {
				return
			}
			t.Reset(sendTimeout)
			select {
			case out <- line:
			case <-t.C:
				return // nobody is reading any more
			}
		}
	}()
	return out
}

// parseLines is the second stage: it parses every line received from in
// and sends the entry on the channel it returns, which it closes once in
// is closed.
func parseLines(in <-chan string) <-chan Entry {
	out := make(chan Entry)
	go func() {
		defer close(out)
		t := time.NewTimer(sendTimeout)
		defer t.Stop()
		for line := range in {
			t.Reset(sendTimeout)
			select {
			case out <- parse(line):
			case <-t.C:
				return // nobody is reading any more
			}
		}
	}()
	return out
}

// parse splits a line into its level and its message.
func parse(line string) Entry {
	level, msg, _ := strings.Cut(line, " ")
	return Entry{Level: level, Msg: msg}
}
