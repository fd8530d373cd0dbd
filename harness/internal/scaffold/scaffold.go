// Package scaffold writes a new kata: its folder (README, program, suite and
// specs), its solution and one wrong fix, its manifest entry and its line in
// the learning path. The files are a small working example of the chosen bug
// kind, so that `kata verify` passes on the mechanics at once and fails only
// on what the author must still write: every such place carries the Marker.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"text/template"
	"unicode"

	"github.com/racekatas/racekatas/harness/internal/manifest"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

// Marker starts every piece of scaffold text the author must replace;
// verify reports each file and manifest entry that still holds one.
const Marker = "AUTHOR:"

//go:embed templates
var templates embed.FS

// Options describe the kata to write.
type Options struct {
	Name    string       // folder name, e.g. "41-my-bug" (digits optional)
	Expect  verdict.Kind // how the unsolved kata fails
	Title   string       // one line; "" leaves a marker
	Chapter string       // "" means "Your katas"
}

// wrongFix is the wrong fix each example comes with, and how it fails.
var wrongFix = map[verdict.Kind]struct {
	label  string
	expect verdict.Kind
}{
	verdict.Race:        {"lock-inc-only", verdict.Race},
	verdict.Deadlock:    {"buffer-of-one", verdict.Deadlock},
	verdict.Leak:        {"wait-for-answer", verdict.Deadlock},
	verdict.Panic:       {"stopped-flag", verdict.Race},
	verdict.WrongResult: {"unbuffered-answer", verdict.Leak},
}

// Kinds lists the kinds a scaffold exists for.
func Kinds() []string {
	var out []string
	for _, k := range verdict.Expectable {
		if _, ok := wrongFix[k]; ok {
			out = append(out, string(k))
		}
	}
	return out
}

var nameRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// data is what the templates see.
type data struct {
	Name, Title, Chapter, Kind string
	Pkg                        string // Go package name
	Type                       string // exported identifier for the suite's test function
	Import                     string // import path of the kata package
	Command                    string // how learners run the CLI in this repository
}

// New writes the kata into the repository at root and returns the paths it
// created, relative to root. It refuses to overwrite anything.
func New(root string, o Options) ([]string, error) {
	if !nameRE.MatchString(o.Name) {
		return nil, fmt.Errorf("%q is not a kata name: use lower-case letters, digits and hyphens, like 41-my-bug", o.Name)
	}
	wf, ok := wrongFix[o.Expect]
	if !ok {
		return nil, fmt.Errorf("no scaffold for --expect %q; want one of %s", o.Expect, strings.Join(Kinds(), ", "))
	}
	module, err := manifest.ModulePath(root)
	if err != nil {
		return nil, err
	}
	for _, dir := range []string{filepath.Join(root, "katas", o.Name), filepath.Join(root, "solutions", o.Name)} {
		if _, err := os.Stat(dir); err == nil {
			return nil, fmt.Errorf("%s already exists; choose another name or remove it", rel(root, dir))
		}
	}
	if m, err := manifest.Load(root); err == nil {
		if _, err := m.Find(o.Name); err == nil {
			return nil, fmt.Errorf("%s already lists a kata named %s", manifest.File, o.Name)
		}
	}
	d := data{
		Name: o.Name, Title: o.Title, Chapter: o.Chapter, Kind: string(o.Expect),
		Pkg: packageName(o.Name), Import: module + "/katas/" + o.Name, Command: manifest.Command(root),
	}
	if d.Title == "" {
		d.Title = Marker + " a one-line title"
	}
	if d.Chapter == "" {
		d.Chapter = "Your katas"
	}
	d.Type = strings.ToUpper(d.Pkg[:1]) + d.Pkg[1:]

	kind := string(o.Expect)
	files := []struct{ tmpl, path string }{
		{"common/README.md.tmpl", "katas/" + o.Name + "/README.md"},
		{kind + "/kata.go.tmpl", "katas/" + o.Name + "/" + d.Pkg + ".go"},
		{"common/suite_test.go.tmpl", "katas/" + o.Name + "/" + d.Pkg + "_suite_test.go"},
		{kind + "/kata_test.go.tmpl", "katas/" + o.Name + "/" + d.Pkg + "_test.go"},
		{kind + "/solution.go.tmpl", "solutions/" + o.Name + "/" + d.Pkg + ".go"},
		{kind + "/wrong.go.tmpl", "solutions/" + o.Name + "/wrong/" + wf.label + "/" + d.Pkg + ".go"},
	}
	var created []string
	for _, f := range files {
		if err := render(root, f.tmpl, f.path, d); err != nil {
			return created, err
		}
		created = append(created, f.path)
	}
	if err := appendEntry(root, d, wf.label, wf.expect); err != nil {
		return created, err
	}
	created = append(created, manifest.File)
	if err := appendPathRow(root, d); err != nil {
		return created, err
	}
	return append(created, "katas/README.md"), nil
}

func render(root, tmpl, path string, d data) error {
	src, err := templates.ReadFile("templates/" + tmpl)
	if err != nil {
		return err
	}
	t, err := template.New(tmpl).Parse(string(src))
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return err
	}
	full := filepath.Join(root, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	return os.WriteFile(full, b.Bytes(), 0o644)
}

// appendEntry adds the kata's [[kata]] entry at the end of the manifest,
// creating the manifest if there is none.
func appendEntry(root string, d data, wrongLabel string, wrongExpect verdict.Kind) error {
	path := filepath.Join(root, manifest.File)
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	var b strings.Builder
	b.Write(old)
	if len(old) == 0 {
		b.WriteString("# The learning path, in order: each [[kata]] names a folder under katas/ and\n# solutions/. `kata verify` proves every entry.\n")
	}
	if len(old) > 0 && !bytes.HasSuffix(old, []byte("\n\n")) {
		if !bytes.HasSuffix(old, []byte("\n")) {
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "[[kata]]\nname = %q\ntitle = %q\nchapter = %q\nexpect = %q\n", d.Name, d.Title, d.Chapter, d.Kind)
	fmt.Fprintf(&b, "fixes = [%q]\n", Marker+" what the fix uses")
	fmt.Fprintf(&b, "hints = [\n  %q,\n  %q,\n]\n", Marker+" a nudge: where to look", Marker+" nearly the answer")
	fmt.Fprintf(&b, "[[kata.wrong]]\nlabel = %q\nexpect = %q\n", wrongLabel, wrongExpect)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// appendPathRow links the kata from the learning path, katas/README.md: a
// row after the last row of its first table, or a new file with one table.
func appendPathRow(root string, d data) error {
	path := filepath.Join(root, "katas", "README.md")
	number := strings.TrimLeftFunc(d.Name, unicode.IsDigit)
	number = strings.TrimSuffix(d.Name, number)
	if number == "" {
		number = "–"
	}
	row := fmt.Sprintf("| %s | [%s](%s/) | %s | %s the bug | %s | %s the fix |",
		number, d.Title, d.Name, d.Chapter, Marker, strings.ToUpper(d.Kind), Marker)
	old, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		text := "# The learning path\n\n| # | kata | chapter | the bug | how it fails | the fix |\n|---|---|---|---|---|---|\n" + row + "\n"
		return os.WriteFile(path, []byte(text), 0o644)
	}
	if err != nil {
		return err
	}
	lines := strings.Split(string(old), "\n")
	last := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "|") {
			last = i
		} else if last >= 0 {
			break
		}
	}
	if last < 0 {
		lines = append(lines, "", "| # | kata | chapter | the bug | how it fails | the fix |", "|---|---|---|---|---|---|", row)
	} else {
		lines = append(lines[:last+1], append([]string{row}, lines[last+1:]...)...)
	}
	return os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644)
}

// packageName turns a kata name into a Go package name: its letters and
// digits after the leading number, "41-my-bug" → "mybug".
func packageName(name string) string {
	var b strings.Builder
	for _, r := range strings.TrimLeft(name, "0123456789-") {
		if unicode.IsLetter(r) || (unicode.IsDigit(r) && b.Len() > 0) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "kata"
	}
	return b.String()
}

func rel(root, path string) string {
	if r, err := filepath.Rel(root, path); err == nil {
		return filepath.ToSlash(r)
	}
	return path
}

// Leftovers lists where scaffold text is still to be replaced for kata k:
// files of its kata and solution folders, its manifest entry, and its row
// in the learning path.
func Leftovers(m *manifest.Manifest, k manifest.Kata) []string {
	var out []string
	for _, dir := range []string{m.Dir(k), m.SolutionDir(k)} {
		_ = filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return nil
			}
			if data, err := os.ReadFile(path); err == nil && bytes.Contains(data, []byte(Marker)) {
				out = append(out, rel(m.Root, path))
			}
			return nil
		})
	}
	entry := append([]string{k.Title, k.Chapter}, append(k.Hints, k.Fixes...)...)
	for _, s := range entry {
		if strings.Contains(s, Marker) {
			out = append(out, manifest.File+" (the entry's title, chapter, fixes or hints)")
			break
		}
	}
	if data, err := os.ReadFile(filepath.Join(m.Root, "katas", "README.md")); err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if strings.Contains(l, "("+k.Name+"/)") && strings.Contains(l, Marker) {
				out = append(out, "katas/README.md (the kata's row)")
			}
		}
	}
	return out
}
