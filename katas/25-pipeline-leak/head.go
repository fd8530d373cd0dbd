// Kata 25 · A pipeline that outlives its reader
//
// An operations dashboard shows the first few entries of a server's log. Head
// reads it through a pipeline of three stages, each on a goroutine of its
// own: one reads lines, one parses them into entries, and Head itself takes
// the first n entries and returns. But the two stages upstream never learn
// that nobody is reading any more. On a long log, and on a live log that
// never ends, they block forever on their next send: every call to Head
// leaves two goroutines behind, a leak which the check at the end of each
// spec reports as "LEAK:".
//
// Your job: make every stage stop once Head has what it needs. Keep the
// three stages on their goroutines and keep the API; no time.Sleep.
package loghead

import (
	"context"
	"strings"
)

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
	// TODO: once Head has its n entries it stops receiving, and nothing
	// tells the stages upstream. Give them a way to learn it, and use it
	// on the way out.
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
		for {
			line, ok := read()
			if !ok {
				return
			}
			// TODO: this send waits for a receiver, for as long as it
			// takes. Let it stop waiting when it should.
			out <- line
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
		for line := range in {
			// TODO: the same wait as in readLines, one stage further on.
			out <- parse(line)
		}
	}()
	return out
}

// parse splits a line into its level and its message.
func parse(line string) Entry {
	level, msg, _ := strings.Cut(line, " ")
	return Entry{Level: level, Msg: msg}
}
