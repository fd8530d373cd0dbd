package diagnose

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// This file reads the learner's and the spec's source, as built, to say
// more than a stack can: which locks a blocked goroutine took and still
// holds, which returns leave a lock locked, which deferred call panicked,
// which Ginkgo node a spec closure belongs to. Every answer is a reading of
// the text, not of the running program, so the diagnosis words it as such
// ("locked at line 12 and not unlocked before this call").

// source is one parsed file.
type source struct {
	fset *token.FileSet
	file *ast.File
}

// parsed returns the parsed file (the replacement, under an overlay), or
// nil if it cannot be read or parsed.
func (c *classifier) parsed(file string) *source {
	if c.sources == nil {
		c.sources = map[string]*source{}
	}
	if s, ok := c.sources[file]; ok {
		return s
	}
	src := file
	if repl, ok := c.Overlay[file]; ok {
		src = repl
	}
	var s *source
	if data, err := os.ReadFile(src); err == nil {
		fset := token.NewFileSet()
		if f, err := parser.ParseFile(fset, src, data, parser.SkipObjectResolution); err == nil {
			s = &source{fset: fset, file: f}
		}
	}
	c.sources[file] = s
	return s
}

// kataFiles lists the learner's Go files, as the build saw them: the
// kata's own, less those an overlay hides, plus those an overlay adds.
func (c *classifier) kataFiles() []string {
	names, _ := filepath.Glob(filepath.Join(c.KataDir, "*.go"))
	for kata := range c.Overlay {
		if filepath.Dir(kata) == c.KataDir && !slices.Contains(names, kata) {
			names = append(names, kata)
		}
	}
	var out []string
	for _, n := range names {
		if repl, ok := c.Overlay[n]; c.isKataFile(n) && (!ok || repl != "") {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

func (s *source) line(p token.Pos) int { return s.fset.Position(p).Line }

// body is a function's body with what names it: a declaration's name, or
// the position of a function literal.
type body struct {
	name  string // "(*Queue).Pop", "" for a literal
	block *ast.BlockStmt
}

// funcAt returns the innermost function (declaration or literal) whose body
// holds line.
func (s *source) funcAt(line int) (body, bool) {
	var best body
	found := false
	ast.Inspect(s.file, func(n ast.Node) bool {
		switch fn := n.(type) {
		case *ast.FuncDecl:
			if fn.Body != nil && s.line(fn.Body.Lbrace) <= line && line <= s.line(fn.Body.Rbrace) {
				best, found = body{name: declName(fn), block: fn.Body}, true
			}
		case *ast.FuncLit:
			if s.line(fn.Body.Lbrace) <= line && line <= s.line(fn.Body.Rbrace) {
				best, found = body{block: fn.Body}, true
			}
		}
		return true
	})
	return best, found
}

func declName(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return fn.Name.Name
	}
	t := fn.Recv.List[0].Type
	if idx, ok := t.(*ast.IndexExpr); ok { // generic receiver
		t = idx.X
	}
	if star, ok := t.(*ast.StarExpr); ok {
		return "(*" + exprString(star.X) + ")." + fn.Name.Name
	}
	return exprString(t) + "." + fn.Name.Name
}

// exprString renders a receiver expression: "w.mu", "from.mu", "s.locks[i]".
func exprString(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return exprString(e.X) + "." + e.Sel.Name
	case *ast.StarExpr:
		return "*" + exprString(e.X)
	case *ast.ParenExpr:
		return "(" + exprString(e.X) + ")"
	case *ast.IndexExpr:
		return exprString(e.X) + "[" + exprString(e.Index) + "]"
	case *ast.BasicLit:
		return e.Value
	case *ast.UnaryExpr:
		return e.Op.String() + exprString(e.X)
	case *ast.CallExpr:
		return exprString(e.Fun) + "(…)"
	}
	return "…"
}

// methodCall matches a statement that is a call of a method with no
// arguments, "x.mu.Lock()", and returns the receiver and the method.
func methodCall(st ast.Stmt) (recv, method string, ok bool) {
	es, isExpr := st.(*ast.ExprStmt)
	if !isExpr {
		return "", "", false
	}
	return callOf(es.X)
}

func callOf(e ast.Expr) (recv, method string, ok bool) {
	call, isCall := e.(*ast.CallExpr)
	if !isCall || len(call.Args) != 0 {
		return "", "", false
	}
	sel, isSel := call.Fun.(*ast.SelectorExpr)
	if !isSel {
		return "", "", false
	}
	return exprString(sel.X), sel.Sel.Name, true
}

// Held is a lock that a blocked goroutine took, as its source reads, and
// had not unlocked by the call it is stuck in.
type Held struct {
	Lock string   `json:"lock"` // "from.mu", as written
	Read bool     `json:"read,omitempty"`
	At   Location `json:"at"` // the Lock or RLock call
}

// heldAt returns the locks taken in the function holding file:line before
// that line, in the blocks that enclose it, and not unlocked since (a
// deferred unlock keeps the lock until the function returns, so it counts
// as held). A lock taken and released in a branch that the line is not in
// does not count.
func (c *classifier) heldAt(file string, line int) []Held {
	s := c.parsed(file)
	if s == nil {
		return nil
	}
	fn, ok := s.funcAt(line)
	if !ok {
		return nil
	}
	var held []Held
	release := func(recv string, read bool) {
		for i := len(held) - 1; i >= 0; i-- {
			if held[i].Lock == recv && held[i].Read == read {
				held = append(held[:i], held[i+1:]...)
				return
			}
		}
	}
	var walk func(list []ast.Stmt)
	walk = func(list []ast.Stmt) {
		for _, st := range list {
			start, end := s.line(st.Pos()), s.line(st.End())
			if start >= line {
				return
			}
			if end >= line {
				// The statement holds the line: go into its blocks.
				for _, inner := range innerBlocks(st) {
					if s.line(inner.Pos()) <= line && line <= s.line(inner.End()) {
						walk(inner.List)
					}
				}
				return
			}
			recv, m, ok := methodCall(st)
			if !ok {
				continue
			}
			switch m {
			case "Lock", "RLock":
				held = append(held, Held{Lock: recv, Read: m == "RLock", At: c.located(file, start, fn.name)})
			case "Unlock", "RUnlock":
				release(recv, m == "RUnlock")
			}
		}
	}
	walk(fn.block.List)
	return held
}

// innerBlocks returns the statement lists nested directly in st.
func innerBlocks(st ast.Stmt) []*ast.BlockStmt {
	var out []*ast.BlockStmt
	switch st := st.(type) {
	case *ast.BlockStmt:
		out = append(out, st)
	case *ast.IfStmt:
		out = append(out, st.Body)
		switch e := st.Else.(type) {
		case *ast.BlockStmt:
			out = append(out, e)
		case *ast.IfStmt:
			out = append(out, innerBlocks(e)...)
		}
	case *ast.ForStmt:
		out = append(out, st.Body)
	case *ast.RangeStmt:
		out = append(out, st.Body)
	case *ast.SwitchStmt:
		out = append(out, clauses(st.Body)...)
	case *ast.TypeSwitchStmt:
		out = append(out, clauses(st.Body)...)
	case *ast.SelectStmt:
		out = append(out, clauses(st.Body)...)
	case *ast.LabeledStmt:
		out = append(out, innerBlocks(st.Stmt)...)
	}
	return out
}

// clauses turns the cases of a switch or select into blocks.
func clauses(b *ast.BlockStmt) []*ast.BlockStmt {
	var out []*ast.BlockStmt
	for _, cl := range b.List {
		switch cl := cl.(type) {
		case *ast.CaseClause:
			out = append(out, &ast.BlockStmt{Lbrace: cl.Colon, List: cl.Body, Rbrace: cl.End()})
		case *ast.CommClause:
			out = append(out, &ast.BlockStmt{Lbrace: cl.Colon, List: cl.Body, Rbrace: cl.End()})
		}
	}
	return out
}

// lockCallAt returns the lock that the statement on file:line asks for
// ("w.mu", read) when it is a Lock or RLock call.
func (c *classifier) lockCallAt(file string, line int) (recv string, read, ok bool) {
	s := c.parsed(file)
	if s == nil {
		return "", false, false
	}
	ast.Inspect(s.file, func(n ast.Node) bool {
		if n == nil || s.line(n.Pos()) > line || s.line(n.End()) < line {
			return false
		}
		if st, isStmt := n.(*ast.ExprStmt); isStmt && s.line(st.Pos()) == line {
			if r, m, is := methodCall(st); is && (m == "Lock" || m == "RLock") {
				recv, read, ok = r, m == "RLock", true
			}
		}
		return true
	})
	return recv, read, ok
}

// KeptLock is a Lock in the learner's code with the returns that leave it
// locked: the lock a goroutine waits for when code that already returned
// kept it.
type KeptLock struct {
	Lock    string     `json:"lock"`
	At      Location   `json:"at"`      // the Lock call
	Returns []Location `json:"returns"` // each return that keeps it locked
}

// keptLocks scans the learner's files for Lock calls on a lock named like
// field (the part after the first name: ".mu" of "w.mu") that are not
// unlocked by a defer, and lists the returns between the Lock and its
// Unlock that leave the lock locked.
func (c *classifier) keptLocks(field string) []KeptLock {
	var out []KeptLock
	for _, file := range c.kataFiles() {
		s := c.parsed(file)
		if s == nil {
			continue
		}
		ast.Inspect(s.file, func(n ast.Node) bool {
			var fnBody *ast.BlockStmt
			name := ""
			switch fn := n.(type) {
			case *ast.FuncDecl:
				fnBody, name = fn.Body, declName(fn)
			case *ast.FuncLit:
				fnBody = fn.Body
			}
			if fnBody == nil {
				return true
			}
			c.scanKept(s, file, name, fnBody, field, &out)
			return true
		})
	}
	return out
}

// scanKept looks at each block of one function (not into nested function
// literals) for "x.Lock()" followed, in the same block, by returns that come
// before "x.Unlock()".
func (c *classifier) scanKept(s *source, file, name string, fnBody *ast.BlockStmt, field string, out *[]KeptLock) {
	var visit func(list []ast.Stmt)
	visit = func(list []ast.Stmt) {
		for i, st := range list {
			for _, inner := range innerBlocks(st) {
				visit(inner.List)
			}
			recv, m, ok := methodCall(st)
			if !ok || (m != "Lock" && m != "RLock") || fieldOf(recv) != field {
				continue
			}
			unlock := "Unlock"
			if m == "RLock" {
				unlock = "RUnlock"
			}
			if i+1 < len(list) {
				if d, isDefer := list[i+1].(*ast.DeferStmt); isDefer {
					if r, dm, ok := callOf(d.Call); ok && r == recv && dm == unlock {
						continue // unlocked on every way out
					}
				}
			}
			var returns []Location
			for _, after := range list[i+1:] {
				if r, am, ok := methodCall(after); ok && r == recv && am == unlock {
					break
				}
				for _, ret := range returnsKeeping(after, recv, unlock) {
					returns = append(returns, c.located(file, s.line(ret.Pos()), name))
				}
			}
			if len(returns) > 0 {
				*out = append(*out, KeptLock{Lock: recv, At: c.located(file, s.line(st.Pos()), name), Returns: returns})
			}
		}
	}
	visit(fnBody.List)
}

// returnsKeeping lists the return statements inside st (not in function
// literals) that no unlock of recv precedes in their own block.
func returnsKeeping(st ast.Stmt, recv, unlock string) []*ast.ReturnStmt {
	var out []*ast.ReturnStmt
	var visit func(list []ast.Stmt)
	visit = func(list []ast.Stmt) {
		for _, st := range list {
			if r, m, ok := methodCall(st); ok && r == recv && m == unlock {
				return // the rest of this block runs unlocked
			}
			if ret, ok := st.(*ast.ReturnStmt); ok {
				out = append(out, ret)
				continue
			}
			for _, inner := range innerBlocks(st) {
				visit(inner.List)
			}
		}
	}
	visit([]ast.Stmt{st})
	return out
}

// fieldOf is a lock's name without the variable that reaches it: ".mu" for
// "w.mu" and "from.mu", "mu" for a plain variable.
func fieldOf(recv string) string {
	if i := strings.IndexByte(recv, '.'); i >= 0 {
		return recv[i:]
	}
	return recv
}

// DeferredCall names the deferred call that panicked and the explicit calls
// of the same method that ran before it on the same path.
type DeferredCall struct {
	At      Location   `json:"at"`                // the defer statement
	Earlier []Location `json:"earlier,omitempty"` // "wg.Done()" or "mu.Unlock()" called before it
}

// deferredCall looks at the function holding file:line for a defer of
// method (Done, Unlock...) when line is not itself a call of it: the runtime
// reports a deferred call at the function's closing brace or return.
func (c *classifier) deferredCall(file string, line int, method string) *DeferredCall {
	s := c.parsed(file)
	if s == nil {
		return nil
	}
	fn, ok := s.funcAt(line)
	if !ok {
		return nil
	}
	var (
		deferred *ast.DeferStmt
		recv     string
		onLine   bool
		earlier  []ast.Stmt
	)
	ast.Inspect(fn.block, func(n ast.Node) bool {
		if _, lit := n.(*ast.FuncLit); lit {
			return false
		}
		switch st := n.(type) {
		case *ast.DeferStmt:
			if r, m, ok := callOf(st.Call); ok && m == method && deferred == nil {
				deferred, recv = st, r
			}
		case *ast.ExprStmt:
			if _, m, ok := methodCall(st); ok && m == method && s.line(st.Pos()) == line {
				onLine = true
			}
		}
		return true
	})
	if deferred == nil || onLine {
		return nil
	}
	ast.Inspect(fn.block, func(n ast.Node) bool {
		if _, lit := n.(*ast.FuncLit); lit {
			return false
		}
		if st, ok := n.(*ast.ExprStmt); ok {
			if r, m, ok := methodCall(st); ok && r == recv && m == method && st.Pos() > deferred.Pos() && s.line(st.Pos()) <= line {
				earlier = append(earlier, st)
			}
		}
		return true
	})
	d := &DeferredCall{At: c.located(file, s.line(deferred.Pos()), fn.name)}
	for _, st := range earlier {
		d.Earlier = append(d.Earlier, c.located(file, s.line(st.Pos()), fn.name))
	}
	return d
}

// ginkgoNodes are the spec functions whose closures get names like
// init.func1.1.1.
var ginkgoNodes = map[string]bool{
	"Describe": true, "Context": true, "When": true, "It": true, "Specify": true,
	"BeforeEach": true, "AfterEach": true, "JustBeforeEach": true, "JustAfterEach": true,
	"BeforeAll": true, "AfterAll": true, "DescribeTable": true, "Entry": true,
	"DeferCleanup": true, "BeforeSuite": true, "AfterSuite": true,
}

// specNode names the innermost Ginkgo node around line of a spec file:
// `It("closes its channel")`, and the line it starts on.
func (c *classifier) specNode(file string, line int) (string, int) {
	s := c.parsed(file)
	if s == nil {
		return "", 0
	}
	name, at := "", 0
	ast.Inspect(s.file, func(n ast.Node) bool {
		if n == nil || s.line(n.Pos()) > line || s.line(n.End()) < line {
			return false
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		fn := ""
		switch f := call.Fun.(type) {
		case *ast.Ident:
			fn = f.Name
		case *ast.SelectorExpr:
			fn = f.Sel.Name
		}
		if ginkgoNodes[fn] {
			name, at = fn, s.line(call.Pos())
			if len(call.Args) > 0 {
				if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if text, err := strconv.Unquote(lit.Value); err == nil {
						name = fn + "(" + strconv.Quote(text) + ")"
					}
				}
			}
		}
		return true
	})
	return name, at
}

// calledFrom lists the learner's functions that the statement on file:line
// of a spec calls, or, when it calls none, the nearest statement before it
// in the same block that does: the code whose result the assertion checks.
func (c *classifier) calledFrom(file string, line int) []Location {
	s := c.parsed(file)
	if s == nil {
		return nil
	}
	defs := c.kataFuncs()
	if len(defs) == 0 {
		return nil
	}
	var block []ast.Stmt
	idx := -1
	ast.Inspect(s.file, func(n ast.Node) bool {
		b, ok := n.(*ast.BlockStmt)
		if !ok {
			return true
		}
		for i, st := range b.List {
			if s.line(st.Pos()) <= line && line <= s.line(st.End()) {
				block, idx = b.List, i
			}
		}
		return true
	})
	for i := idx; i >= 0 && idx >= 0; i-- {
		var found []Location
		seen := map[string]bool{}
		ast.Inspect(block[i], func(n ast.Node) bool {
			if _, lit := n.(*ast.FuncLit); lit && i != idx {
				return false
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if def, ok := defs[sel.Sel.Name]; ok && !seen[sel.Sel.Name] {
				seen[sel.Sel.Name] = true
				found = append(found, def)
			}
			return true
		})
		if len(found) > 0 {
			return found
		}
	}
	return nil
}

// kataFuncs maps each exported function and method name declared in the
// learner's files to its declaration. A name declared twice (a method on two
// types) is left out: the spec's call cannot be told apart.
func (c *classifier) kataFuncs() map[string]Location {
	defs := map[string]Location{}
	twice := map[string]bool{}
	for _, file := range c.kataFiles() {
		s := c.parsed(file)
		if s == nil {
			continue
		}
		for _, d := range s.file.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || !fn.Name.IsExported() {
				continue
			}
			if _, dup := defs[fn.Name.Name]; dup {
				twice[fn.Name.Name] = true
			}
			defs[fn.Name.Name] = c.located(file, s.line(fn.Pos()), declName(fn))
		}
	}
	for n := range twice {
		delete(defs, n)
	}
	return defs
}

// onlyCallOf finds the one call in the learner's files of a package-level
// function such as "atomic.AddInt64", for an access whose own frames the
// race report left out (it shows an atomic side down to sync/atomic only).
// With no such call, or several, it says nothing rather than guess.
func (c *classifier) onlyCallOf(qualified string) Location {
	pkg, name, ok := strings.Cut(qualified, ".")
	if !ok || strings.ContainsAny(name, "(*).") {
		return Location{}
	}
	var found []Location
	for _, file := range c.kataFiles() {
		s := c.parsed(file)
		if s == nil {
			continue
		}
		ast.Inspect(s.file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == name {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == pkg {
					line := s.line(call.Pos())
					fn := ""
					if b, ok := s.funcAt(line); ok {
						fn = b.name
					}
					found = append(found, c.located(file, line, fn))
				}
			}
			return true
		})
	}
	if len(found) != 1 {
		return Location{}
	}
	return found[0]
}
