// Kata 17, a tempting wrong fix: work out which line is the last one with
// words in it, and close the channel right after sending that one.
//
// Tempting because it answers the objection to closing at the last line of
// the document (blank lines at the end are never sent), and every document in
// sight has words in it. But a document with no words at all (empty, or
// nothing but blank lines) has no such line: the close is never reached, and
// the counter waits forever. Close when the sending is over, whatever was
// sent: a defer at the top of the sending goroutine.
package wordcount

import (
	"strings"
	"unicode"
)

// Frequencies counts how many times each word appears in lines, ignoring
// case and punctuation. Blank lines are skipped.
func Frequencies(lines []string) map[string]int {
	cleaned := make(chan string)

	go func() {
		// The last line that has words in it: the reader closes after it.
		last := -1
		for i, line := range lines {
			if clean(line) != "" {
				last = i
			}
		}
		for i, line := range lines {
			line = clean(line)
			if line == "" {
				continue // a blank line: nothing to count
			}
			cleaned <- line
			if i == last {
				close(cleaned) // nothing with words comes after it
			}
		}
	}()

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
