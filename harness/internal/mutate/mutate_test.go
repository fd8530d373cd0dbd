package mutate

import (
	"flag"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ops")

// TestOperatorsGolden makes every mutant of each snippet in testdata/ops and
// compares what each one changes with NAME.golden.
func TestOperatorsGolden(t *testing.T) {
	snippets, err := filepath.Glob(filepath.Join("testdata", "ops", "*.go"))
	if err != nil || len(snippets) == 0 {
		t.Fatalf("no snippets: %v", err)
	}
	for _, path := range snippets {
		name := filepath.Base(path)
		t.Run(strings.TrimSuffix(name, ".go"), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			ms, err := GenerateSources(map[string][]byte{name: src})
			if err != nil {
				t.Fatal(err)
			}
			var got strings.Builder
			seen := map[string]bool{}
			for _, m := range ms {
				if seen[m.ID] {
					t.Errorf("mutant ID %s used twice", m.ID)
				}
				seen[m.ID] = true
				fmt.Fprintf(&got, "== %s (line %d): %s\n", m.ID, m.Line, m.Desc)
				if m.Problem != "" {
					t.Errorf("%s: %s", m.ID, m.Problem)
				}
				got.WriteString(Diff(src, m.Src))
				if err := typeCheck(name, m.Src); err != nil {
					t.Errorf("%s does not type-check: %v", m.ID, err)
				}
			}
			golden := strings.TrimSuffix(path, ".go") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if got.String() != string(want) {
				t.Errorf("mutants of %s differ from %s (go test -update rewrites it; review the diff):\n%s", name, golden, got.String())
			}
		})
	}
}

// typeCheck reports whether src builds, standard imports and all: every
// mutant of the snippets is meant to be valid Go.
func typeCheck(name string, src []byte) error {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, 0)
	if err != nil {
		return err
	}
	conf := types.Config{Importer: stdImporter}
	_, err = conf.Check("snippet", fset, []*ast.File{f}, nil)
	return err
}

var stdImporter = importer.ForCompiler(token.NewFileSet(), "source", nil)

func TestIDsAreStableAcrossUnrelatedEdits(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "ops", "locks.go"))
	if err != nil {
		t.Fatal(err)
	}
	before, err := GenerateSources(map[string][]byte{"locks.go": src})
	if err != nil {
		t.Fatal(err)
	}
	// A new function at the top moves every line, not one ID.
	edited := strings.Replace(string(src), "type Account struct", "func helper() {\n\tvar m sync.Mutex\n\tm.Lock()\n\tm.Unlock()\n}\n\ntype Account struct", 1)
	after, err := GenerateSources(map[string][]byte{"locks.go": []byte(edited)})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, m := range after {
		ids[m.ID] = m.Desc
	}
	for _, m := range before {
		if desc, ok := ids[m.ID]; !ok || desc != m.Desc {
			t.Errorf("%s (%s) changed after an edit elsewhere: %q", m.ID, m.Desc, desc)
		}
	}
	if len(after) <= len(before) {
		t.Errorf("the new function should add mutants: %d before, %d after", len(before), len(after))
	}
}

func TestChannelsOnlyClosedGetNoBufferMutants(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "ops", "chans.go"))
	if err != nil {
		t.Fatal(err)
	}
	ms, err := GenerateSources(map[string][]byte{"chans.go": src})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if strings.HasPrefix(m.Operator, "chan-buffer") && strings.Contains(m.Desc, "struct{}") {
			t.Errorf("%s: quit and done are only closed and received from; a buffer changes nothing", m.ID)
		}
	}
}

// TestEverySolutionMutantTypeChecks makes the mutants of every solution in
// the repository and type-checks each mutated package: a mutant that does
// not build costs a build and tests nothing, so the operators' guesses
// about types must hold on the real solutions.
func TestEverySolutionMutantTypeChecks(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "..", "..", "solutions", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no solutions: %v", err)
	}
	total := 0
	for _, dir := range dirs {
		ms, err := Generate(dir)
		if err != nil {
			t.Errorf("%s: %v", dir, err)
			continue
		}
		names, err := goFiles(dir)
		if err != nil {
			t.Fatal(err)
		}
		srcs := map[string][]byte{}
		for _, n := range names {
			if srcs[n], err = os.ReadFile(filepath.Join(dir, n)); err != nil {
				t.Fatal(err)
			}
		}
		for _, m := range ms {
			total++
			fset := token.NewFileSet()
			var files []*ast.File
			for _, n := range names {
				src := srcs[n]
				if n == m.File {
					src = m.Src
				}
				f, err := parser.ParseFile(fset, n, src, 0)
				if err != nil {
					t.Fatalf("%s %s: %v", filepath.Base(dir), m.ID, err)
				}
				files = append(files, f)
			}
			conf := types.Config{Importer: stdImporter}
			if _, err := conf.Check("solution", fset, files, nil); err != nil {
				t.Errorf("%s %s does not build: %v", filepath.Base(dir), m.ID, err)
			}
		}
	}
	t.Logf("%d mutants of %d solutions", total, len(dirs))
}
