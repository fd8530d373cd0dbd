// Kata 17 · A range over a channel that nobody closes
//
// A search engine ranks documents by the words in them. Frequencies counts
// them in two stages: a reader goroutine cleans each line up (lower case, no
// punctuation) and sends every line that has words in it on a channel; the
// caller ranges over that channel and counts the words. The reader sends the
// last line and returns, its work done. But a range over a channel ends only
// when the channel is closed, and nobody closes this one: the count waits for
// a line after the last, which will never come. Frequencies never returns:
// the specs report a DEADLOCK in Frequencies, at its range loop.
//
// Solution: the reader closes the channel when it returns, with a defer.
// Only the reader sends on it, so only the reader knows when the last line
// has gone; once it has, the close tells the counter, whose range then ends
// after the last line it receives.
package wordcount

import (
	"strings"
	"unicode"
)

// Frequencies counts how many times each word appears in lines, ignoring
// case and punctuation. Blank lines are skipped.
//
// It reads lines on a goroutine of its own, and that goroutine has returned
// by the time Frequencies returns.
func Frequencies(lines []string) map[string]int {
	cleaned := make(chan string) // closed by the reader, after its last send

	// The reader: cleans every line up and sends those with words in them.
	go func() {
		// The sender closes, once it is done sending: the close happens
		// after the last send, and the counter's range sees it right after
		// receiving that last line. The defer closes cleaned however the
		// loop ends, also when it sent nothing at all.
		//
		// The tempting fixes fail. A counter that receives len(lines) lines
		// instead of ranging waits forever for the blank lines, which are
		// never sent. Closing cleaned in the counter, before it starts
		// counting, makes the reader's next send panic. Closing it inside
		// the loop, after sending the document's last line, never happens
		// when that line is blank, as it is in a document that ends with a
		// newline.
		defer close(cleaned)
		for _, line := range lines {
			line = clean(line)
			if line == "" {
				continue // a blank line: nothing to count
			}
			cleaned <- line
		}
	}()

	// The counter: counts the words of every line the reader sends, and
	// stops once cleaned is closed.
	counts := map[string]int{}
	for line := range cleaned {
		for _, word := range strings.Fields(line) {
			counts[word]++
		}
	}
	return counts
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
