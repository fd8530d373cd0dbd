// Kata 25, a tempting wrong fix: return the head at once, and leave a
// goroutine behind that drains the rest of the pipeline, so that no stage is
// left blocked on a send.
//
// It is tempting because Head returns on time and, on a log that ends, every
// goroutine does finish in the end. But the stages are never told to stop:
// they read, parse and hand over the whole log to a goroutine that throws it
// away, and a live log never ends, so three goroutines now run forever
// instead of two. Draining moves the leak, it does not end it.
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
	entries := parseLines(readLines(read))

	var head []Entry
	for e := range entries {
		head = append(head, e)
		if len(head) == n {
			break
		}
	}
	// Keep receiving, on the side, so that no stage waits on its send.
	go func() {
		for range entries {
		}
	}()
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
// and sends the entry on the channel it returns, which it closes once in
// is closed.
func parseLines(in <-chan string) <-chan Entry {
	out := make(chan Entry)
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
