// Kata 17, a tempting wrong fix: leave the channel open, and let the counter
// stop once no line has come for a while.
//
// Tempting because it never hangs: a short idle timeout ends every count,
// and the documents in sight are read in microseconds. But "no line for 50
// ms" is not "no more lines". Every count now waits out the timeout after
// its last line, and a reader that is slow on one line (a long one, a busy
// machine) is given up on: the count returns short, and the reader is left
// blocked at its next send. Only the reader knows when it is done; it says
// so by closing the channel.
package wordcount

import (
	"strings"
	"time"
	"unicode"
)

// idle is how long the counter waits for the next line before it decides
// that the reader is done.
const idle = 50 * time.Millisecond

// Frequencies counts how many times each word appears in lines, ignoring
// case and punctuation. Blank lines are skipped.
func Frequencies(lines []string) map[string]int {
	cleaned := make(chan string)

	go func() {
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
		case <-time.After(idle):
			return counts // nothing for a while: the reader must be done
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
