// Kata 17, a tempting wrong fix: close the channel inside the loop, right
// after sending the document's last line.
//
// The close sits behind the `continue` that skips blank lines. A document
// that ends with a newline ends with a blank line: the loop skips it, never
// reaches the close, and the counter waits forever, exactly as before. Close
// when the sending is over, not at a line you expect to be the last: a defer
// at the top of the sending goroutine does it whichever way the loop ends.
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
		for i, line := range lines {
			line = clean(line)
			if line == "" {
				continue // a blank line: nothing to count
			}
			cleaned <- line
			if i == len(lines)-1 {
				close(cleaned) // that was the last line
			}
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
