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
// Solution: every stage takes a context and never waits on a send alone: it
// selects on the send and on ctx.Done(), and returns when ctx is done. Head
// derives that context from its caller's and cancels it on its way out, so
// stopping early is one call that reaches every stage at once, however long
// the pipeline and whatever each stage is waiting for.
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
// the log ends first. n must be at least 1. If ctx is done before that,
// Head returns the entries it has received so far.
//
// read returns the log's next line, and ok == false once the log has ended;
// a live log never ends. Head calls read from one goroutine at a time.
//
// When Head returns, its stages have been told to stop, and they stop on
// their own soon after, each at its next send at the latest: read may be
// called a time or two more after Head has returned, never again after that.
func Head(ctx context.Context, read func() (line string, ok bool), n int) []Entry {
	// The pipeline's own context: a child of the caller's, so a caller who
	// gives up stops the stages too, and cancelled by the deferred cancel
	// however Head returns. cancel closes ctx.Done() for every stage at
	// once: it is a broadcast, where a value sent on a channel would reach
	// one receiver only.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	entries := parseLines(ctx, readLines(ctx, read))

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
// channel it returns, and closes the channel when the log ends or ctx is
// done. It alone sends on that channel, so it alone closes it.
func readLines(ctx context.Context, read func() (string, bool)) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for {
			line, ok := read()
			if !ok {
				return
			}
			// A send that can give up: whichever of the two is ready
			// first wins. The tempting half fix selects like this only in
			// the last stage: parseLines then stops, and this goroutine
			// waits forever for a receiver that has gone. Every stage that
			// sends must select, not only the one next to the reader.
			select {
			case out <- line:
			case <-ctx.Done():
				return
			}
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
		// The receive needs no select of its own: readLines closes in as
		// soon as it sees ctx.Done(), and that close ends this range.
		for line := range in {
			// Buffering out instead (the other tempting fix) only moves
			// the wait: with more entries than the buffer holds, the send
			// after the last free slot blocks as before.
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
