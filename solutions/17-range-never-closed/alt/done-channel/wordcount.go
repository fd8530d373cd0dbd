// Kata 17 · A range over a channel that nobody closes
//
// A correct alternative: the lines channel is never closed; the reader closes
// a second channel, done, once its last send has gone through, and the
// counter selects on both.
//
// Why it is also correct: cleaned is unbuffered, so the reader's last send
// completes only when the counter has received that line; the reader closes
// done after it. When the counter sees done closed, every line has been
// received and counted, and no send is pending: it returns, and the reader
// has already finished. The deferred close reaches every way out of the
// reader, however many lines it skipped, even when it sent none. (A close of
// cleaned itself, as the reference solution does, says the same thing with
// one channel; this shape is the one to use when a channel cannot be closed,
// for instance because other senders share it.)
package wordcount

import (
	"strings"
	"unicode"
)

// Frequencies counts how many times each word appears in lines, ignoring
// case and punctuation. Blank lines are skipped.
func Frequencies(lines []string) map[string]int {
	cleaned := make(chan string) // unbuffered: a send completes when the counter has the line
	done := make(chan struct{})  // closed by the reader after its last send

	go func() {
		defer close(done)
		for _, line := range lines {
			line = clean(line)
			if line == "" {
				continue // a blank line: nothing to count
			}
			cleaned <- line
		}
	}()

	counts := map[string]int{}
	for {
		select {
		case line := <-cleaned:
			for _, word := range strings.Fields(line) {
				counts[word]++
			}
		case <-done:
			return counts
		}
	}
}

// clean returns line in lower case, with its punctuation turned into spaces
// and the spaces around it trimmed.
func clean(line string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsPunct(r) {
			return ' '
		}
		return unicode.ToLower(r)
	}, line))
}
