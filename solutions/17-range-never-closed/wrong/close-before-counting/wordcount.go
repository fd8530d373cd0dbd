// Kata 17, a tempting wrong fix: close the channel on the counter's side, so
// that its range has an end.
//
// The counter closes cleaned right after starting the reader, before the
// reader has sent anything: the range ends at once, with nothing counted, and
// the reader's first send is a send on a closed channel, which panics and
// takes the whole program down (the race detector also reports the close and
// the send as unordered). A receiver cannot know when the sender is done: the
// sender closes.
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
	close(cleaned)

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
