// Kata 25, a tempting wrong fix: cancel, and select on ctx.Done() only in
// the stage next to the reader.
//
// parseLines now stops when Head cancels. readLines still sends with a plain
// send: the only goroutine that ever received from it was parseLines, which
// has returned, so readLines waits forever on its next line. Every stage
// that sends must be able to give up, not only the last one.
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
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	entries := parseLines(ctx, readLines(read))

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
			out <- line
		}
	}()
	return out
}

// parseLines is the second stage: it parses every line received from in
// and sends the entry on the channel it returns, which it closes once in is
// closed or ctx is done.
func parseLines(ctx context.Context, in <-chan string) <-chan Entry {
	out := make(chan Entry)
	go func() {
		defer close(out)
		for line := range in {
			select {
			case out <- parse(line):
			case <-ctx.Done():
				return
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
