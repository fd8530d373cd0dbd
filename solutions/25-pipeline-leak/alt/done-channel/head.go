// Kata 25 · A pipeline that leaks — a correct alternative: a done channel
// that Head closes on its way out, beside the caller's ctx.
//
// Why it is also correct: closing a channel is a broadcast, as cancelling a
// context is. Head closes done however it returns, and every stage sends in
// a select that also waits on done (and on the caller's ctx.Done(), so a
// caller who gives up stops the stages too). The first stage to see it
// returns and closes its output, which ends the next stage's range. This is
// the pattern of the Go blog's pipelines article, from before package
// context existed; the reference folds done into a child context instead.
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
	done := make(chan struct{}) // closed by Head as it returns; nobody sends on it
	defer close(done)
	entries := parseLines(ctx, done, readLines(ctx, done, read))

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
// channel it returns, and closes the channel when the log ends, done is
// closed or ctx is done.
func readLines(ctx context.Context, done <-chan struct{}, read func() (string, bool)) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for {
			line, ok := read()
			if !ok {
				return
			}
			select {
			case out <- line:
			case <-done:
				return
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// parseLines is the second stage: it parses every line received from in and
// sends the entry on the channel it returns, which it closes once in is
// closed, done is closed or ctx is done.
func parseLines(ctx context.Context, done <-chan struct{}, in <-chan string) <-chan Entry {
	out := make(chan Entry)
	go func() {
		defer close(out)
		for line := range in {
			select {
			case out <- parse(line):
			case <-done:
				return
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
