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
// Your job: make the count end once the reader has sent its last line.
// Keep the reader on its own goroutine and keep the API; no time.Sleep.
package wordcount

import (
	"strings"
	"unicode"
)

// Frequencies counts how many times each word appears in lines, ignoring
// case and punctuation. Blank lines are skipped.
func Frequencies(lines []string) map[string]int {
	cleaned := make(chan string)

	// The reader: cleans every line up and sends those with words in them.
	go func() {
		// TODO: the range over cleaned below ends only once cleaned is
		// closed. Which goroutine knows when the last line has been sent?
		for _, line := range lines {
			line = clean(line)
			if line == "" {
				continue // a blank line: nothing to count
			}
			cleaned <- line
		}
	}()

	// The counter: counts the words of every line the reader sends.
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
