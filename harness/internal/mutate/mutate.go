// Package mutate makes concurrency mutants of a kata's solution: copies of a
// solution file with one synchronisation taken out or weakened (a lock pair
// removed, a close dropped, a Broadcast turned into a Signal...). A spec
// suite that passes a mutant has a blind spot: the mutant is buggy code that
// a learner would be told is "Solved", unless the mutant is equivalent (it
// changes nothing observable), and the manifest says so with a reason.
//
// Mutants are made by text edits at positions found with go/ast, so that a
// mutant keeps the solution's comments and line numbers and reads like the
// solution with one change; go/format then checks and tidies the result.
// Only the standard library is used, and there is no type checking: where an
// operator needs a type (is this Add a WaitGroup's or an atomic's?), it reads
// the declarations of the package by name. A guess that is wrong gives a
// mutant that does not build, which is reported as invalid, never as killed.
package mutate

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Mutant is one solution file with one change.
type Mutant struct {
	// ID names the mutant stably across runs and unrelated edits:
	// operator, function and ordinal, as in remove-lock:(*Account).Deposit#1.
	// The manifest's equivalent list refers to mutants by ID.
	ID       string `json:"id"`
	Operator string `json:"operator"`
	Func     string `json:"func"`
	File     string `json:"file"` // base name of the mutated file
	Line     int    `json:"line"` // line of the change in the solution
	Desc     string `json:"desc"` // what was changed, in one line
	Src      []byte `json:"-"`    // the mutated file
	// Problem is set when the mutant could not be made into valid Go (a
	// fault in an operator, not in the specs).
	Problem string `json:"problem,omitempty"`
}

// Operators lists every operator, in the order their mutants are listed.
var Operators = []string{
	OpRemoveLock, OpRLock, OpShrinkCS, OpSwapLocks,
	OpSplitAtomic,
	OpRemoveClose, OpRemoveCancel, OpRemoveWGAdd, OpRemoveWGDone, OpWGGo,
	OpOnceDirect,
	OpChanBuffer0, OpChanBuffer1, OpChanBufferAdd,
	OpDropDoneCase, OpAddDefault,
	OpSignal, OpWaitIf,
	OpRemoveGo,
}

// The operators.
const (
	OpRemoveLock    = "remove-lock"      // remove a Lock (or RLock) and its Unlocks
	OpRLock         = "rlock"            // Lock/Unlock of an RWMutex -> RLock/RUnlock
	OpShrinkCS      = "shrink-cs"        // Unlock right after the section's first statement
	OpSwapLocks     = "swap-locks"       // two consecutive Lock calls in the other order
	OpSplitAtomic   = "split-atomic"     // atomic read-modify-write -> separate load and store
	OpRemoveClose   = "remove-close"     // remove a close(ch)
	OpRemoveCancel  = "remove-cancel"    // remove a call of a context.CancelFunc
	OpRemoveWGAdd   = "remove-wg-add"    // remove a WaitGroup.Add
	OpRemoveWGDone  = "remove-wg-done"   // remove a WaitGroup.Done
	OpWGGo          = "wg-go-untracked"  // wg.Go(f) -> go f()
	OpOnceDirect    = "once-direct"      // once.Do(f) -> f(); sync.OnceFunc(f) -> f
	OpChanBuffer0   = "chan-buffer-0"    // make(chan T, n) -> make(chan T)
	OpChanBuffer1   = "chan-buffer-1"    // make(chan T[, n]) -> make(chan T, 1)
	OpChanBufferAdd = "chan-buffer-1000" // make(chan T[, n]) -> make(chan T, n+1000)
	OpDropDoneCase  = "drop-done-case"   // remove `case <-ctx.Done():` (or a quit channel's case)
	OpAddDefault    = "add-default"      // add `default:` to a select that has none
	OpSignal        = "broadcast-signal" // Broadcast -> Signal
	OpWaitIf        = "wait-if"          // for cond { c.Wait() } -> if cond { c.Wait() }
	OpRemoveGo      = "remove-go"        // go f() -> f()
)

// Generate makes every mutant of the non-test Go files in dir (a solution
// folder; its subfolders, wrong/ and alt/, are not read).
func Generate(dir string) ([]Mutant, error) {
	names, err := goFiles(dir)
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s holds no Go files", dir)
	}
	srcs := map[string][]byte{}
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return nil, err
		}
		srcs[n] = data
	}
	return GenerateSources(srcs)
}

// goFiles lists the non-test Go files of dir, sorted.
func goFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names, nil
}

// GenerateSources makes every mutant of one package given as file name ->
// source. Mutants come out by file, then operator (in Operators order), then
// position.
func GenerateSources(srcs map[string][]byte) ([]Mutant, error) {
	fset := token.NewFileSet()
	names := make([]string, 0, len(srcs))
	for n := range srcs {
		names = append(names, n)
	}
	sort.Strings(names)
	files := make([]*ast.File, len(names))
	for i, n := range names {
		f, err := parser.ParseFile(fset, n, srcs[n], parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		files[i] = f
	}
	pkg := newPkgInfo(files)
	var out []Mutant
	for i, n := range names {
		fc := &fileCtx{fset: fset, file: files[i], src: srcs[n], pkg: pkg}
		sites := fc.sites()
		// Ordinals count an operator's sites within one function, in
		// source order, so editing another function keeps every ID.
		sort.SliceStable(sites, func(a, b int) bool {
			if oa, ob := opIndex(sites[a].op), opIndex(sites[b].op); oa != ob {
				return oa < ob
			}
			return sites[a].pos < sites[b].pos
		})
		ordinal := map[string]int{}
		for _, s := range sites {
			key := s.op + ":" + s.fn
			ordinal[key]++
			m := Mutant{
				ID:       fmt.Sprintf("%s#%d", key, ordinal[key]),
				Operator: s.op,
				Func:     s.fn,
				File:     n,
				Line:     fset.Position(s.pos).Line,
				Desc:     s.desc,
			}
			raw, err := applyEdits(srcs[n], s.edits)
			if err != nil {
				m.Problem = err.Error()
				m.Src = raw
			} else if tidy, err := format.Source(raw); err != nil {
				m.Problem = "the mutant is not valid Go: " + err.Error()
				m.Src = raw
			} else {
				m.Src = tidy
			}
			out = append(out, m)
		}
	}
	return out, nil
}

func opIndex(op string) int {
	for i, o := range Operators {
		if o == op {
			return i
		}
	}
	return len(Operators)
}

// edit replaces src[from:to] with text.
type edit struct {
	from, to int
	text     string
}

// site is one place an operator applies, with the edits that make its mutant.
type site struct {
	op, fn string
	pos    token.Pos
	desc   string
	edits  []edit
}

func applyEdits(src []byte, edits []edit) ([]byte, error) {
	es := append([]edit(nil), edits...)
	sort.Slice(es, func(i, j int) bool {
		if es[i].from != es[j].from {
			return es[i].from > es[j].from
		}
		return es[i].to > es[j].to
	})
	out := append([]byte(nil), src...)
	for i, e := range es {
		if e.from > e.to || e.to > len(out) {
			return src, fmt.Errorf("edit %d..%d out of range", e.from, e.to)
		}
		if i > 0 && e.to > es[i-1].from {
			return src, fmt.Errorf("overlapping edits at %d", e.from)
		}
		var b bytes.Buffer
		b.Write(out[:e.from])
		b.WriteString(e.text)
		b.Write(out[e.to:])
		out = b.Bytes()
	}
	return out, nil
}
