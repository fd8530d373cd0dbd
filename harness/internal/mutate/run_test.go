package mutate

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/racekatas/racekatas/harness/internal/manifest"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

// TestRealKataKillsMutants mutates kata 01's solution for real: the lock
// pair removed from Move must be killed (a race with Where), and the report
// must say so, with the files hash that --changed compares.
func TestRealKataKillsMutants(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a kata")
	}
	m, err := manifest.Load(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	k, err := m.Find("01")
	if err != nil {
		t.Fatal(err)
	}
	all, err := Mutants(m, k)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 4 {
		t.Fatalf("kata 01's solution has locks, a close and a go statement; got only %d mutants", len(all))
	}
	const id = "remove-lock:(*Tracker).Move#1"
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	rep, err := Run(ctx, m, Options{
		Runs: 1, Jobs: 1, Katas: []string{k.Name}, Only: id,
		Scratch: filepath.Join(os.TempDir(), "racekatas-mutate-test"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Katas) != 1 || len(rep.Katas[0].Results) != 1 {
		t.Fatalf("want one kata with one mutant, got %+v", rep.Katas)
	}
	r := rep.Katas[0].Results[0]
	if r.ID != id || r.Status != Killed || len(r.Got) != 1 || r.Got[0] == verdict.Pass {
		t.Fatalf("%s: got status %s, runs %v, problem %q; want killed", r.ID, r.Status, r.Got, r.Problem)
	}
	if tot := rep.Total(); tot.Mutants != 1 || tot.Killed != 1 || rep.Failed(true) {
		t.Errorf("total %+v, failed %v; want 1 mutant, 1 killed", tot, rep.Failed(true))
	}
	hash, err := FilesHash(m, k)
	if err != nil || rep.Katas[0].Hash != hash {
		t.Errorf("report hash %q, files hash %q (%v)", rep.Katas[0].Hash, hash, err)
	}

	// The report file round-trips, and a kata whose hash matches is not
	// listed as changed.
	var b strings.Builder
	if err := WriteMarkdown(&b, rep); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "MUTATION.md")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	back, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	changed, uncovered, err := Changed(m, back)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range changed {
		if c == k.Name {
			t.Errorf("%s is listed as changed right after its run", k.Name)
		}
	}
	if len(uncovered) != len(m.Katas)-1 {
		t.Errorf("uncovered: %d katas, want %d", len(uncovered), len(m.Katas)-1)
	}
}

// TestManifestEquivalentsAreNotRun: a mutant the manifest lists as
// equivalent is reported as such, with its reason, and counts neither for
// nor against the score.
func TestManifestEquivalentsAreNotRun(t *testing.T) {
	m, err := manifest.Load(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	k, err := m.Find("34")
	if err != nil {
		t.Fatal(err)
	}
	const id = "wait-if:(*Gate).Board#1"
	k.Equivalent = []manifest.Equivalent{{Mutant: id, Reason: "open never goes back to false"}}
	rs, err := Mutants(m, k)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rs {
		if r.ID == id {
			found = true
			if r.Status != Equivalent || r.Reason == "" {
				t.Errorf("%s: status %q, reason %q; want equivalent with the manifest's reason", id, r.Status, r.Reason)
			}
		} else if r.Status != "" {
			t.Errorf("%s: status %q before any run", r.ID, r.Status)
		}
	}
	if !found {
		t.Fatalf("kata 34's solution has no mutant %s", id)
	}
	var kr KataReport
	for _, r := range rs {
		kr.count(r)
	}
	if kr.Equivalent != 1 {
		t.Errorf("counted %d equivalents, want 1", kr.Equivalent)
	}
}

// TestFilesHashFollowsCodeNotProse: --changed re-runs a kata when its specs,
// code, solution or equivalents change, and not for an edit of its README,
// which no run reads.
func TestFilesHashFollowsCodeNotProse(t *testing.T) {
	root := t.TempDir()
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("katas/01-x/README.md", "# one\n")
	write("katas/01-x/x.go", "package x\n")
	write("katas/01-x/x_test.go", "package x_test\n")
	write("solutions/01-x/x.go", "package x // fixed\n")
	m := &manifest.Manifest{Root: root}
	k := manifest.Kata{Name: "01-x"}
	hash := func() string {
		t.Helper()
		h, err := FilesHash(m, k)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	first := hash()
	write("katas/01-x/README.md", "# one, reworded\n")
	if got := hash(); got != first {
		t.Errorf("a README edit changed the hash: %s, then %s", first, got)
	}
	for _, edit := range []struct{ rel, text string }{
		{"katas/01-x/x_test.go", "package x_test // a new spec\n"},
		{"katas/01-x/x.go", "package x // a new TODO\n"},
		{"solutions/01-x/x.go", "package x // fixed again\n"},
	} {
		before := hash()
		write(edit.rel, edit.text)
		if hash() == before {
			t.Errorf("editing %s left the hash as it was", edit.rel)
		}
	}
	before := hash()
	k.Equivalent = append(k.Equivalent, manifest.Equivalent{Mutant: "remove-go:F#1", Reason: "r"})
	if hash() == before {
		t.Error("a new equivalent left the hash as it was")
	}
}
