// Package policy says what a kata's own code (the files a learner edits) may
// use. Graded code runs inside the test process, next to the specs that
// judge it: with package os it could end that process with status 0 before
// any spec runs or rewrite its arguments so that none does; with Ginkgo or
// Gomega it could skip every spec or silence every failed expectation; with
// //go:norace it could hide its data races from the detector; with cgo or
// unsafe it could do all of that out of sight. None of that is needed to fix
// a concurrency bug, so the build refuses it before anything runs, with the
// line to change.
//
// Allowed: the standard library except the packages in Denied (and anything
// under them), and golang.org/x/sync. Compiler directives other than
// //go:build, //go:generate and //go:embed are refused, as are source files
// the go command would compile or link besides Go (assembly, C, .syso).
package policy

import (
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Denied are the standard packages kata code may not import; a package
// under one of them (os/exec under os) is denied too.
var Denied = []string{
	"C",                // cgo: C code runs before and around Go's
	"flag",             // the test binary's flags select and skip specs
	"io/ioutil",        // writes files
	"log/syslog",       // talks to the system logger
	"os",               // exits, arguments, environment, files, processes
	"plugin",           // loads code at run time
	"runtime/cgo",      // cgo
	"runtime/coverage", // writes files
	"runtime/debug",    // writes heap dumps to any file descriptor
	"syscall",          // everything os can do, and more
	"testing",          // the test framework itself
	"unsafe",           // memory and //go:linkname
}

// Allowed lists the module paths, outside the standard library, that kata
// code may import.
var Allowed = []string{"golang.org/x/sync"}

// allowedDirectives are the //go: comments a kata file may hold.
var allowedDirectives = []string{"build", "generate", "embed"}

// foreign are the source files the go command builds besides Go files.
var foreign = []string{".s", ".S", ".sx", ".c", ".cc", ".cpp", ".cxx", ".h", ".hh", ".hpp", ".hxx",
	".m", ".f", ".F", ".for", ".f90", ".syso", ".swig", ".swigcxx"}

// File is one file of kata code: where the learner sees it, and where the
// build reads it from (a copy or overlay replacement; the same path when not
// replaced).
type File struct {
	Path   string // as the learner knows it (katas/NN/x.go, absolute)
	Source string // what is read; "" means Path
}

// Violation is one refused line.
type Violation struct {
	File    string // File.Path
	Line    int
	Text    string // the offending line, trimmed
	Message string
}

// Check reads the files and returns every violation, in file and line
// order. A file that does not parse is left to the compiler.
func Check(files []File) []Violation {
	var out []Violation
	for _, f := range files {
		src := f.Source
		if src == "" {
			src = f.Path
		}
		if ext := filepath.Ext(f.Path); ext != ".go" {
			if isForeign(ext) {
				out = append(out, Violation{File: f.Path, Line: 1,
					Message: fmt.Sprintf("%s files are not allowed in a kata: only Go code is built and graded; delete %s", ext, filepath.Base(f.Path))})
			}
			continue
		}
		data, err := os.ReadFile(src)
		if err != nil {
			continue
		}
		out = append(out, checkGo(f.Path, data)...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out
}

func isForeign(ext string) bool {
	for _, e := range foreign {
		if e == ext {
			return true
		}
	}
	return false
}

func checkGo(path string, data []byte) []Violation {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, path, data, parser.ImportsOnly|parser.ParseComments)
	if err != nil && file == nil {
		return nil
	}
	lines := strings.Split(string(data), "\n")
	text := func(line int) string {
		if line >= 1 && line <= len(lines) {
			return strings.TrimSpace(lines[line-1])
		}
		return ""
	}
	var out []Violation
	for _, imp := range file.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			continue
		}
		if why := importRefused(p); why != "" {
			line := fset.Position(imp.Pos()).Line
			out = append(out, Violation{File: path, Line: line, Text: text(line), Message: why})
		}
	}
	// Directives are read from the raw lines: ImportsOnly stops parsing
	// after the imports, and a directive may sit anywhere.
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if !strings.HasPrefix(t, "//go:") {
			continue
		}
		name := strings.TrimPrefix(t, "//go:")
		if j := strings.IndexAny(name, " \t"); j >= 0 {
			name = name[:j]
		}
		if !contains(allowedDirectives, name) {
			out = append(out, Violation{File: path, Line: i + 1, Text: t,
				Message: fmt.Sprintf("the //go:%s directive is not allowed in a kata: it changes how the code is compiled or checked (//go:norace hides data races from the detector); remove it", name)})
		}
	}
	return out
}

// importRefused says why kata code may not import p, or "" when it may.
func importRefused(p string) string {
	first, _, _ := strings.Cut(p, "/")
	std := !strings.Contains(first, ".")
	if std {
		for _, d := range Denied {
			if p == d || strings.HasPrefix(p, d+"/") {
				return fmt.Sprintf("import %q is not allowed in a kata: graded code runs inside the test process, and %s could end, steer or fool it; no kata needs it", p, d)
			}
		}
		return ""
	}
	for _, a := range Allowed {
		if p == a || strings.HasPrefix(p, a+"/") {
			return ""
		}
	}
	return fmt.Sprintf("import %q is not allowed in a kata: only the standard library and %s may be used (the specs' own packages, Ginkgo and Gomega, are theirs alone)", p, strings.Join(Allowed, ", "))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// KataFiles lists the files of kata code a build of kataDir compiles: its
// non-test Go files, each read from its replacement when overlay replaces it
// (an empty replacement hides the file), the files the overlay adds, and
// any non-Go source file in kataDir itself (the overlay adds only Go files).
func KataFiles(kataDir string, overlay map[string]string) []File {
	var files []File
	seen := map[string]bool{}
	entries, _ := os.ReadDir(kataDir)
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasSuffix(name, "_test.go") {
			continue
		}
		path := filepath.Join(kataDir, name)
		seen[path] = true
		if filepath.Ext(name) != ".go" {
			if isForeign(filepath.Ext(name)) {
				files = append(files, File{Path: path})
			}
			continue
		}
		repl, replaced := overlay[path]
		switch {
		case !replaced:
			files = append(files, File{Path: path})
		case repl != "":
			files = append(files, File{Path: path, Source: repl})
		}
	}
	for path, repl := range overlay {
		if seen[path] || repl == "" || strings.HasSuffix(path, "_test.go") {
			continue
		}
		files = append(files, File{Path: path, Source: repl})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files
}

// Constraint returns the //go:build line of a Go file ("" if none): the line
// that picks, among other things, the Go version whose rules the file is
// compiled under.
func Constraint(data []byte) string {
	for _, l := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "//go:build ") {
			return t
		}
		if strings.HasPrefix(t, "package ") {
			break
		}
	}
	return ""
}

// KeepConstraints checks that every kata file keeps the //go:build line of
// the reference file of the same name in refDir (the solution). A kata about
// Go 1.21's loop variables is compiled under go1.21 rules by such a line;
// deleting it would make the bug vanish without fixing the code.
func KeepConstraints(files []File, refDir string) []Violation {
	var out []Violation
	for _, f := range files {
		if filepath.Ext(f.Path) != ".go" {
			continue
		}
		ref, err := os.ReadFile(filepath.Join(refDir, filepath.Base(f.Path)))
		if err != nil {
			continue
		}
		want := Constraint(ref)
		if want == "" {
			continue
		}
		src := f.Source
		if src == "" {
			src = f.Path
		}
		data, err := os.ReadFile(src)
		if err != nil || Constraint(data) == want {
			continue
		}
		out = append(out, Violation{File: f.Path, Line: 1, Text: Constraint(data),
			Message: fmt.Sprintf("keep the line %q at the top of %s: it sets the Go version whose rules this kata teaches, and without it the bug would vanish without a fix", want, filepath.Base(f.Path))})
	}
	return out
}
