package mutate

import (
	"fmt"
	"strings"
)

// Diff shows the lines a mutant changes: "-" for a line of the original,
// "+" for a line of the mutant, each with its line number, and "…" between
// changes that are apart. Files are small, so a plain longest-common-
// subsequence table will do.
func Diff(original, mutant []byte) string {
	a := strings.Split(strings.TrimSuffix(string(original), "\n"), "\n")
	b := strings.Split(strings.TrimSuffix(string(mutant), "\n"), "\n")
	// lcs[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	lastChanged := -2 // index in a of the last line shown
	mark := func(i int) {
		if lastChanged >= 0 && i > lastChanged+1 {
			out.WriteString("…\n")
		}
		lastChanged = i
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			i, j = i+1, j+1
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			mark(i)
			fmt.Fprintf(&out, "+%4d %s\n", j+1, b[j])
			j++
		default:
			mark(i)
			fmt.Fprintf(&out, "-%4d %s\n", i+1, a[i])
			i++
		}
	}
	return out.String()
}
