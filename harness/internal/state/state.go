// Package state keeps a learner's progress between runs: the last verdict
// on each kata, keyed by a hash of the files it was reached with, and how
// many hints were shown. It lives in .racekatas/state.json at the
// repository root, which git ignores.
package state

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/racekatas/racekatas/harness/internal/diagnose"
)

// Dir is the state folder, relative to the repository root.
const Dir = ".racekatas"

// Result is a cached verdict.
type Result struct {
	Hash      string             `json:"hash"`
	Diagnosis diagnose.Diagnosis `json:"diagnosis"`
	CheckedAt time.Time          `json:"checkedAt"`
}

// State is everything remembered. The zero value is a learner who has not
// started.
type State struct {
	Results map[string]Result `json:"results,omitempty"`
	Hints   map[string]int    `json:"hints,omitempty"` // hints shown per kata
}

func path(root string) string { return filepath.Join(root, Dir, "state.json") }

// Load reads the state; a missing or unreadable file is a fresh start (the
// cache can always be rebuilt by running the katas again).
func Load(root string) *State {
	s := &State{}
	data, err := os.ReadFile(path(root))
	if err == nil {
		_ = json.Unmarshal(data, s)
	}
	if s.Results == nil {
		s.Results = map[string]Result{}
	}
	if s.Hints == nil {
		s.Hints = map[string]int{}
	}
	return s
}

// Save writes the state atomically (a crash leaves the old file whole).
func (s *State) Save(root string) error {
	if err := os.MkdirAll(filepath.Join(root, Dir), 0o755); err != nil {
		return err
	}
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	tmp := path(root) + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path(root))
}

// Lookup returns the cached result for a kata whose files hash to hash.
func (s *State) Lookup(kata, hash string) (diagnose.Diagnosis, bool) {
	r, ok := s.Results[kata]
	if !ok || r.Hash != hash {
		return diagnose.Diagnosis{}, false
	}
	return r.Diagnosis, true
}

// Record stores a fresh result.
func (s *State) Record(kata, hash string, d diagnose.Diagnosis) {
	d.Raw = ""
	s.Results[kata] = Result{Hash: hash, Diagnosis: d, CheckedAt: time.Now().UTC()}
}

// Hash identifies the inputs of a kata run: every file in the kata's folder
// and in the harness library it builds against, and go.sum. A change to any
// of them makes the cached verdict stale.
func Hash(root, kataDir string) (string, error) {
	var files []string
	for _, glob := range []string{
		filepath.Join(kataDir, "*"),
		filepath.Join(root, "harness", "*.go"),
		filepath.Join(root, "harness", "internal", "stack", "*.go"),
		filepath.Join(root, "go.sum"),
	} {
		m, err := filepath.Glob(glob)
		if err != nil {
			return "", err
		}
		files = append(files, m...)
	}
	sort.Strings(files)
	h := sha256.New()
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				continue
			}
			return "", err
		}
		if st.IsDir() {
			continue
		}
		fh, err := os.Open(f)
		if err != nil {
			return "", err
		}
		_, _ = io.WriteString(h, f+"\x00")
		_, err = io.Copy(h, fh)
		fh.Close()
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
