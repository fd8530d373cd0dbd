// Kata 17, a tempting wrong fix: receive one line per line of the document,
// instead of ranging until the channel is closed.
//
// The counter knows how many lines the document has, so it receives exactly
// that many and stops. But the reader skips blank lines: it sends fewer lines
// than the document has, and the counter waits forever for the ones that were
// never sent. Only the sender knows how many values it sent; the receiver
// learns it from the close.
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
		for _, line := range lines {
			line = clean(line)
			if line == "" {
				continue // a blank line: nothing to count
			}
			cleaned <- line
		}
	}()

	// The counter: counts the words of one line per line of the document.
	counts := map[string]int{}
	for range len(lines) {
		line := <-cleaned
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
