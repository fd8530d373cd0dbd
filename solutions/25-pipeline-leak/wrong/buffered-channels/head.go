// Kata 25, a tempting wrong fix: buffered channels, so that the stages'
// sends no longer wait for Head.
//
// A buffer only lets a sender run ahead by as many values as it holds. Once
// Head has stopped reading, the stages fill both buffers, and the next send
// waits forever, as before. A log longer than the buffers, or a live one
// that never ends, still leaves both goroutines behind.
package loghead

import (
	"context"
	"strings"
)

// buffer is how far each stage may run ahead of the next: "surely more
// lines than anyone reads".
const buffer = 64

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
	out := make(chan string, buffer)
	go func() {
		defer close(out)
		for {
			line, ok := read()
			if !ok {
				return
			}
			out <- line
		}
	}()
	return out
}

// parseLines is the second stage: it parses every line received from in
// and sends the entry on the channel it returns, which it closes once in
// is closed.
func parseLines(in <-chan string) <-chan Entry {
	out := make(chan Entry, buffer)
	go func() {
		defer close(out)
		for line := range in {
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
