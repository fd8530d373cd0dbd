// Package verdict names the outcomes of a kata run.
package verdict

import (
	"fmt"
	"strings"
)

// Kind is the one outcome a run is classified as.
type Kind string

// The kinds. When a run shows several, the classifier (package diagnose)
// picks in this order: a build error hides everything; a run the runner
// killed is a timeout; a data race comes before the panic or crash it
// caused; then a panic, a deadlock, a race, a busy wait, a leak; a wrong
// result is what is left when no more specific cause was found.
const (
	Pass        Kind = "pass"
	BuildError  Kind = "build-error"
	Timeout     Kind = "timeout"
	Panic       Kind = "panic"
	Deadlock    Kind = "deadlock"
	BusyWait    Kind = "busy-wait"
	Race        Kind = "race"
	Leak        Kind = "leak"
	WrongResult Kind = "wrong-result"
)

// Expectable are the kinds a manifest may name as a kata's intended failure.
var Expectable = []Kind{Race, Deadlock, BusyWait, Leak, Panic, WrongResult}

// Parse reads a kind as written in the manifest.
func Parse(s string) (Kind, error) {
	for _, k := range []Kind{Pass, BuildError, Timeout, Panic, Deadlock, BusyWait, Race, Leak, WrongResult} {
		if string(k) == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("unknown kind %q (want one of %s)", s, list(Expectable))
}

// Label is the upper-case word shown to learners: RACE, WRONG-RESULT.
func (k Kind) Label() string { return strings.ToUpper(string(k)) }

// Expectable reports whether k may be a kata's intended failure.
func (k Kind) Expectable() bool {
	for _, e := range Expectable {
		if e == k {
			return true
		}
	}
	return false
}

func list(ks []Kind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// Tally counts runs per kind, in the order each kind first appears:
// "race 19/20, pass 1/20".
func Tally(got []Kind) string {
	counts := map[Kind]int{}
	var order []Kind
	for _, g := range got {
		if counts[g] == 0 {
			order = append(order, g)
		}
		counts[g]++
	}
	parts := make([]string, len(order))
	for i, k := range order {
		parts[i] = fmt.Sprintf("%s %d/%d", k, counts[k], len(got))
	}
	return strings.Join(parts, ", ")
}
