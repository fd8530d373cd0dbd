// Package manifest loads katas/katas.toml, the ordered list of katas, and
// checks it against the files on disk.
package manifest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/BurntSushi/toml"

	"github.com/racekatas/racekatas/harness/internal/verdict"
)

// File is the manifest's path relative to the repository root.
const File = "katas/katas.toml"

// Manifest is the learning path: katas in the order a learner meets them.
type Manifest struct {
	Root  string `toml:"-"` // absolute repository root
	Katas []Kata `toml:"kata"`
}

// Kata is one exercise.
type Kata struct {
	Name    string   `toml:"name"`    // folder under katas/ and solutions/
	Title   string   `toml:"title"`   // one line, for lists
	Chapter string   `toml:"chapter"` // groups katas in the learning path
	Expect  string   `toml:"expect"`  // how the unsolved kata fails
	Fixes   []string `toml:"fixes"`   // what the solution teaches
	Hints   []string `toml:"hints"`   // staged, first a nudge, last nearly the answer
	Points  int      `toml:"points"`  // grading weight; 0 means 1
	Wrong   []Wrong  `toml:"wrong"`   // tempting wrong fixes the specs must reject
	// Equivalent lists the mutants of the solution (kata mutate) that no
	// spec can kill, because they change nothing a caller can observe.
	Equivalent []Equivalent `toml:"equivalent"`
	// Advice replaces the general advice under a RACE diagnosis of this
	// kata, when the general one ("guard it with a mutex") would mislead:
	// a loop variable captured by goroutines wants a per-iteration copy.
	Advice string `toml:"advice"`

	// Problems are what is wrong with this entry or its folders (a bad
	// expect, a missing solution folder...). They are the kata's own: every
	// other kata still runs, and verify reports them all at once.
	Problems []string `toml:"-"`
}

// Equivalent names a mutant of the solution, by its kata mutate ID, that is
// equivalent to the solution, and says why.
type Equivalent struct {
	Mutant string `toml:"mutant"` // e.g. remove-lock:(*Account).Deposit#1
	Reason string `toml:"reason"` // one line: why no run can tell it apart
}

// Wrong is a tempting wrong fix kept in solutions/NAME/wrong/LABEL/.
type Wrong struct {
	Label  string `toml:"label"`
	Expect string `toml:"expect"` // how this wrong fix must fail
}

// ExpectKind is Expect as a verdict kind (valid after Load).
func (k Kata) ExpectKind() verdict.Kind { return verdict.Kind(k.Expect) }

// ExpectKind is Expect as a verdict kind (valid after Load).
func (w Wrong) ExpectKind() verdict.Kind { return verdict.Kind(w.Expect) }

// Weight is the kata's points for grading.
func (k Kata) Weight() int {
	if k.Points <= 0 {
		return 1
	}
	return k.Points
}

// Dir is the kata's folder, absolute.
func (m *Manifest) Dir(k Kata) string { return filepath.Join(m.Root, "katas", k.Name) }

// SolutionDir is the solution's folder, absolute.
func (m *Manifest) SolutionDir(k Kata) string { return filepath.Join(m.Root, "solutions", k.Name) }

// WrongDir is a wrong fix's folder, absolute.
func (m *Manifest) WrongDir(k Kata, w Wrong) string {
	return filepath.Join(m.SolutionDir(k), "wrong", w.Label)
}

// AltDir is the folder of a correct alternative: another design or primitive
// that fixes the kata too, kept in solutions/NAME/alt/LABEL/ so that a
// stronger spec never starts rejecting valid code.
func (m *Manifest) AltDir(k Kata, label string) string {
	return filepath.Join(m.SolutionDir(k), "alt", label)
}

// Alts lists the labels of the kata's correct alternatives, sorted. They
// need no manifest entry: every one of them must pass.
func (m *Manifest) Alts(k Kata) []string {
	entries, err := os.ReadDir(filepath.Join(m.SolutionDir(k), "alt"))
	if err != nil {
		return nil
	}
	var labels []string
	for _, e := range entries {
		if e.IsDir() {
			labels = append(labels, e.Name())
		}
	}
	sort.Strings(labels)
	return labels
}

// Find returns the kata with the given name, or an error that suggests the
// closest names. A unique prefix ("03") or number also finds a kata.
func (m *Manifest) Find(name string) (Kata, error) {
	name = strings.TrimSuffix(strings.TrimPrefix(filepath.ToSlash(name), "katas/"), "/")
	var prefixed []Kata
	for _, k := range m.Katas {
		if k.Name == name {
			return k, nil
		}
		if strings.HasPrefix(k.Name, name) || strings.HasPrefix(k.Name, "0"+name+"-") {
			prefixed = append(prefixed, k)
		}
	}
	if len(prefixed) == 1 {
		return prefixed[0], nil
	}
	return Kata{}, &UnknownKataError{
		Name: name, Closest: m.closest(name, 3),
		Unregistered: name != "" && !strings.ContainsAny(name, `/\.`) && isDir(filepath.Join(m.Root, "katas", name)),
	}
}

// UnknownKataError is returned by Find.
type UnknownKataError struct {
	Name    string
	Closest []string
	// Unregistered: the folder katas/Name exists, but the manifest has no
	// entry for it.
	Unregistered bool
}

func (e *UnknownKataError) Error() string {
	if e.Unregistered {
		return fmt.Sprintf("katas/%s exists, but %s has no [[kata]] entry for it: a kata joins the path when the manifest lists it (`kata new` writes the entry for a new kata)", e.Name, File)
	}
	msg := fmt.Sprintf("there is no kata named %q", e.Name)
	if len(e.Closest) > 0 {
		msg += "; did you mean " + strings.Join(e.Closest, ", ") + "?"
	}
	return msg + " (`kata list` shows them all)"
}

func (m *Manifest) closest(name string, n int) []string {
	type scored struct {
		name string
		d    int
	}
	var all []scored
	for _, k := range m.Katas {
		d := distance(name, k.Name)
		// Compare with the part after the number too: "unbuffered-snd".
		if i := strings.Index(k.Name, "-"); i >= 0 {
			d = min(d, distance(name, k.Name[i+1:]))
		}
		all = append(all, scored{k.Name, d})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].d < all[j].d })
	var out []string
	for _, s := range all {
		if len(out) == n || s.d > max(3, len(name)/2) {
			break
		}
		out = append(out, s.name)
	}
	return out
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// nameRE is what a kata folder may be called. The number in front is
// optional and of any length: the manifest, not the name, orders the path.
var nameRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Load reads and checks the manifest of the repository at root.
func Load(root string) (*Manifest, error) {
	return LoadFile(root, "")
}

// LoadFile reads and checks a manifest kept at path (absolute, or relative to
// root) instead of the repository's own: kata authors use it to verify a kata
// before it joins katas.toml. An empty path means katas/katas.toml.
func LoadFile(root, path string) (*Manifest, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	shown := File
	switch {
	case path == "":
		path = filepath.Join(root, File)
	case !filepath.IsAbs(path):
		shown = path
		path = filepath.Join(root, path)
	default:
		shown = path
	}
	var m Manifest
	md, err := toml.DecodeFile(path, &m)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, fmt.Errorf("%s is not valid TOML: %s", shown, perr.ErrorWithPosition())
		}
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no manifest at %s: run the kata command from a racekatas checkout", path)
		}
		return nil, fmt.Errorf("%s: %w", shown, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		return nil, fmt.Errorf("%s: unknown keys %s (known: name, title, chapter, expect, fixes, hints, points, wrong.label, wrong.expect, equivalent.mutant, equivalent.reason)", shown, strings.Join(keys, ", "))
	}
	m.Root = root
	if err := m.check(shown); err != nil {
		return nil, err
	}
	return &m, nil
}

// check validates every entry and its folders. What concerns one kata goes
// into that kata's Problems, so that a half-written kata leaves the others
// working; what makes the whole list unusable (no entries, a kata without a
// name, a name used twice) is returned, all problems at once.
func (m *Manifest) check(shown string) error {
	var problems []string
	if len(m.Katas) == 0 {
		problems = append(problems, "no [[kata]] entries")
	}
	seen := map[string]bool{}
	for i := range m.Katas {
		k := &m.Katas[i]
		where := fmt.Sprintf("kata #%d (%s)", i+1, k.Name)
		switch {
		case k.Name == "":
			problems = append(problems, fmt.Sprintf("kata #%d has no name", i+1))
			continue
		case seen[k.Name]:
			problems = append(problems, fmt.Sprintf("%s: name used twice", where))
			continue
		}
		seen[k.Name] = true
		add := func(format string, a ...any) {
			k.Problems = append(k.Problems, fmt.Sprintf(format, a...))
		}
		if !nameRE.MatchString(k.Name) {
			add("name must be lower-case letters, digits and hyphens, like 07-short-name")
		}
		if k.Title == "" {
			add("no title")
		}
		if k.Chapter == "" {
			add("no chapter")
		}
		if kind, err := verdict.Parse(k.Expect); err != nil || !kind.Expectable() {
			add("expect = %q; want one of race, deadlock, busy-wait, leak, panic, wrong-result", k.Expect)
		}
		if len(k.Hints) < 2 {
			add("needs at least 2 hints, has %d", len(k.Hints))
		}
		for j, h := range k.Hints {
			if strings.TrimSpace(h) == "" {
				add("hint %d is empty", j+1)
			}
		}
		// A missing katas/NAME folder is not a manifest problem: a learner
		// may have deleted it, and every other kata must still run. Running
		// that kata says what is missing (package check).
		if !isDir(m.SolutionDir(*k)) {
			add("folder solutions/%s is missing", k.Name)
		}
		labels := map[string]bool{}
		for _, w := range k.Wrong {
			if labels[w.Label] {
				add("wrong fix %q listed twice", w.Label)
			}
			labels[w.Label] = true
			if kind, err := verdict.Parse(w.Expect); err != nil || !kind.Expectable() {
				add("wrong fix %q: expect = %q; want one of race, deadlock, busy-wait, leak, panic, wrong-result", w.Label, w.Expect)
			}
			if !isDir(m.WrongDir(*k, w)) {
				add("wrong fix %q has no folder solutions/%s/wrong/%s", w.Label, k.Name, w.Label)
			}
		}
		if entries, err := os.ReadDir(filepath.Join(m.SolutionDir(*k), "wrong")); err == nil {
			for _, e := range entries {
				if e.IsDir() && !labels[e.Name()] {
					add("folder solutions/%s/wrong/%s has no [[kata.wrong]] entry", k.Name, e.Name())
				}
			}
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s has problems:\n  - %s", shown, strings.Join(problems, "\n  - "))
	}
	return nil
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// FindRoot walks up from dir to the repository root: the first folder that
// holds the manifest.
func FindRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, File)); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no %s in %s or any folder above it: run the kata command inside a racekatas checkout", File, dir)
		}
	}
}

// ModulePath reads the module path from root's go.mod.
func ModulePath(root string) (string, error) {
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", fmt.Errorf("no go.mod at %s: katas live in a Go module", root)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`), nil
		}
	}
	return "", fmt.Errorf("%s has no module line", filepath.Join(root, "go.mod"))
}

// Home is racekatas' own module path.
const Home = "github.com/racekatas/racekatas"

// Command is how the kata CLI is run in the repository at root, for the
// messages that tell learners what to type: from source in racekatas
// itself, as a go.mod tool (`go tool kata`) in a course repository. In
// racekatas it says `go run -race` when the running CLI was built with
// -race (see SuggestRace), so that the command it suggests reuses the build
// the learner already has instead of compiling the CLI a second way.
func Command(root string) string {
	if m, err := ModulePath(root); err == nil && m != Home {
		return "go tool kata"
	}
	if suggestRace.Load() {
		return "go run -race ./harness/cmd/kata"
	}
	return "go run ./harness/cmd/kata"
}

// suggestRace is set once by the kata command's main, before any message.
var suggestRace atomic.Bool

// SuggestRace makes Command say `go run -race` (on) or `go run` (off). Only
// the kata command's main calls it, with whether it was itself built with
// -race; tests leave it off whatever their own build, so that goldens hold.
func SuggestRace(on bool) { suggestRace.Store(on) }
