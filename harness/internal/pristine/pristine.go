// Package pristine knows what every kata file looked like upstream: a
// checksum per file, kept in katas/pristine.sum, and the way back to that
// content through git history. reset uses it to restore a kata; grading uses
// it to tell edited specs from pristine ones.
package pristine

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// File is the checksum file's path, relative to the repository root.
const File = "katas/pristine.sum"

// Sums maps a path relative to the root ("katas/01-x/tracker.go") to the
// hex SHA-256 of its pristine content.
type Sums map[string]string

// Hash is the checksum of content as recorded in Sums, taken with line
// endings normalised (see Normalize): a file checked out with CRLF, as Git
// for Windows does by default, or saved with CRLF by an editor, is the same
// file.
func Hash(content []byte) string {
	h := sha256.Sum256(Normalize(content))
	return hex.EncodeToString(h[:])
}

// Normalize turns CRLF line endings into LF, the form the repository
// stores. Everything that hashes or diffs a kata file compares this form.
func Normalize(content []byte) []byte {
	if !bytes.Contains(content, []byte("\r\n")) {
		return content
	}
	return bytes.ReplaceAll(content, []byte("\r\n"), []byte("\n"))
}

// Compute reads the current content of every file in the given kata folders.
func Compute(root string, kataNames []string) (Sums, error) {
	sums := Sums{}
	for _, name := range kataNames {
		entries, err := os.ReadDir(filepath.Join(root, "katas", name))
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			rel := filepath.ToSlash(filepath.Join("katas", name, e.Name()))
			data, err := os.ReadFile(filepath.Join(root, rel))
			if err != nil {
				return nil, err
			}
			sums[rel] = Hash(data)
		}
	}
	return sums, nil
}

// Load reads katas/pristine.sum.
func Load(root string) (Sums, error) {
	data, err := os.ReadFile(filepath.Join(root, File))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s is missing: this checkout does not record its pristine katas", File)
	}
	if err != nil {
		return nil, err
	}
	sums := Sums{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		path, sum, ok := strings.Cut(line, " ")
		if !ok || len(strings.TrimSpace(sum)) != 64 {
			return nil, fmt.Errorf("%s:%d: want \"PATH SHA256\", got %q", File, n, line)
		}
		sums[path] = strings.TrimSpace(sum)
	}
	return sums, sc.Err()
}

// Write stores sums in katas/pristine.sum, sorted.
func (s Sums) Write(root string) error {
	paths := make([]string, 0, len(s))
	for p := range s {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var b strings.Builder
	b.WriteString("# The pristine content of every kata file, as SHA-256. Regenerate with\n# `go run ./harness/cmd/kata sums` after changing a kata; verify checks it.\n")
	for _, p := range paths {
		fmt.Fprintf(&b, "%s %s\n", p, s[p])
	}
	return os.WriteFile(filepath.Join(root, File), []byte(b.String()), 0o644)
}

// Kata returns the recorded paths of one kata, sorted.
func (s Sums) Kata(name string) []string {
	var out []string
	prefix := "katas/" + name + "/"
	for p := range s {
		if strings.HasPrefix(p, prefix) {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// Diff lists the paths whose recorded and computed sums differ, and the
// paths present on one side only.
func Diff(recorded, current Sums) []string {
	var out []string
	for p, sum := range recorded {
		if current[p] != sum {
			out = append(out, p)
		}
	}
	for p := range current {
		if _, ok := recorded[p]; !ok {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// Content finds the pristine content of path (relative to root) in git
// history: the newest version, on any branch, whose checksum is sum. It
// comes with the line endings a checkout would give it (core.autocrlf,
// .gitattributes), so a restored file looks like its neighbours.
func Content(root, path, sum string) ([]byte, error) {
	revs, err := git(root, "log", "--all", "--format=%H", "--", path)
	if err != nil {
		return nil, fmt.Errorf("cannot read git history (is this a git checkout?): %w", err)
	}
	for _, rev := range strings.Fields(string(revs)) {
		data, err := git(root, "show", rev+":"+path)
		if err != nil {
			continue // the file was deleted in this commit
		}
		if Hash(data) != sum {
			continue
		}
		if checkout, err := git(root, "cat-file", "--filters", rev+":"+path); err == nil && Hash(checkout) == sum {
			return checkout, nil
		}
		return data, nil
	}
	return nil, fmt.Errorf("no commit in this repository's history holds the pristine %s", path)
}

func git(root string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %v: %s", args[0], err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// Untouched reports whether kata name's folder holds exactly the files s
// records for it, each with its recorded content: a kata the learner has not
// started. The verifier proves such a kata fails, so the CLI need not run it.
func (s Sums) Untouched(root, name string) bool {
	recorded := Sums{}
	for _, p := range s.Kata(name) {
		recorded[p] = s[p]
	}
	if len(recorded) == 0 {
		return false
	}
	current, err := Compute(root, []string{name})
	return err == nil && len(Diff(recorded, current)) == 0
}
