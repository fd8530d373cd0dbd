package mutate

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"
)

// pkgInfo is what the operators know of the package's types, by name: the
// declared types of every field, variable and parameter called that name
// anywhere in the package. It stands in for type checking.
type pkgInfo struct {
	types map[string]map[string]bool // name -> type expressions, as written
	// fields maps a struct type's name to its fields' types, so that a.mu
	// is typed by a's struct when two structs both have a field mu.
	fields map[string]map[string]string
	// sent holds the names of channels that may be sent on somewhere: the
	// target of a send statement, or a name used other than by close,
	// receive, range or return from a function whose result is receive-only.
	maybeSent map[string]bool
}

func newPkgInfo(files []*ast.File) *pkgInfo {
	p := &pkgInfo{types: map[string]map[string]bool{}, fields: map[string]map[string]string{}, maybeSent: map[string]bool{}}
	for _, f := range files {
		p.collectTypes(f)
	}
	for _, f := range files {
		p.collectChanUses(f)
	}
	return p
}

func (p *pkgInfo) add(name, typ string) {
	if name == "" || name == "_" || typ == "" {
		return
	}
	if p.types[name] == nil {
		p.types[name] = map[string]bool{}
	}
	p.types[name][typ] = true
}

// typeString prints a type expression compactly: sync.Mutex, *sync.Cond,
// chan struct{}, atomic.Pointer[config].
func typeString(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.Ident:
		return t.Name
	case *ast.SelectorExpr:
		return typeString(t.X) + "." + t.Sel.Name
	case *ast.StarExpr:
		return "*" + typeString(t.X)
	case *ast.ArrayType:
		if t.Len == nil {
			return "[]" + typeString(t.Elt)
		}
		return "[N]" + typeString(t.Elt)
	case *ast.MapType:
		return "map[" + typeString(t.Key) + "]" + typeString(t.Value)
	case *ast.ChanType:
		switch t.Dir {
		case ast.SEND:
			return "chan<- " + typeString(t.Value)
		case ast.RECV:
			return "<-chan " + typeString(t.Value)
		}
		return "chan " + typeString(t.Value)
	case *ast.StructType:
		if t.Fields == nil || len(t.Fields.List) == 0 {
			return "struct{}"
		}
		return "struct{...}"
	case *ast.InterfaceType:
		return "interface{}"
	case *ast.FuncType:
		return "func"
	case *ast.IndexExpr:
		return typeString(t.X) + "[" + typeString(t.Index) + "]"
	case *ast.IndexListExpr:
		var parts []string
		for _, i := range t.Indices {
			parts = append(parts, typeString(i))
		}
		return typeString(t.X) + "[" + strings.Join(parts, ", ") + "]"
	case *ast.ParenExpr:
		return typeString(t.X)
	case *ast.Ellipsis:
		return "[]" + typeString(t.Elt)
	}
	return ""
}

// valueType guesses the type of an initialiser: &T{}, T{}, new(T),
// make(chan T), sync.NewCond(...).
func valueType(e ast.Expr) string {
	switch v := e.(type) {
	case *ast.UnaryExpr:
		if v.Op == token.AND {
			if cl, ok := v.X.(*ast.CompositeLit); ok && cl.Type != nil {
				return "*" + typeString(cl.Type)
			}
		}
	case *ast.CompositeLit:
		if v.Type != nil {
			return typeString(v.Type)
		}
	case *ast.CallExpr:
		switch fn := callName(v); fn {
		case "new":
			if len(v.Args) == 1 {
				return "*" + typeString(v.Args[0])
			}
		case "make":
			if len(v.Args) >= 1 {
				return typeString(v.Args[0])
			}
		case "sync.NewCond":
			return "*sync.Cond"
		}
	}
	return ""
}

// callName is the called function as written, for plain and package
// functions: close, make, sync.NewCond, context.WithCancel.
func callName(c *ast.CallExpr) string {
	switch fn := c.Fun.(type) {
	case *ast.Ident:
		return fn.Name
	case *ast.SelectorExpr:
		if x, ok := fn.X.(*ast.Ident); ok {
			return x.Name + "." + fn.Sel.Name
		}
	}
	return ""
}

func (p *pkgInfo) collectTypes(f *ast.File) {
	fields := func(fl *ast.FieldList) {
		if fl == nil {
			return
		}
		for _, fd := range fl.List {
			t := typeString(fd.Type)
			for _, n := range fd.Names {
				p.add(n.Name, t)
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.StructType:
			fields(x.Fields)
		case *ast.TypeSpec:
			// A struct that embeds a mutex is locked as c.Lock().
			if st, ok := x.Type.(*ast.StructType); ok && st.Fields != nil {
				fs := map[string]string{}
				p.fields[x.Name.Name] = fs
				for _, fd := range st.Fields.List {
					if len(fd.Names) == 0 {
						p.add(embedKey+x.Name.Name, baseType(typeString(fd.Type)))
					}
					for _, n := range fd.Names {
						fs[n.Name] = typeString(fd.Type)
					}
				}
			}
		case *ast.FuncType:
			fields(x.Params)
			fields(x.Results)
		case *ast.FuncDecl:
			fields(x.Recv)
		case *ast.ValueSpec:
			for i, name := range x.Names {
				if x.Type != nil {
					p.add(name.Name, typeString(x.Type))
				} else if i < len(x.Values) {
					p.add(name.Name, valueType(x.Values[i]))
				}
			}
			p.cancelFuncs(x.Names, x.Values)
		case *ast.AssignStmt:
			if len(x.Lhs) == len(x.Rhs) {
				for i, l := range x.Lhs {
					p.add(lastName(l), valueType(x.Rhs[i]))
				}
			}
			var names []*ast.Ident
			for _, l := range x.Lhs {
				id, _ := l.(*ast.Ident)
				if id == nil {
					id = &ast.Ident{Name: lastName(l)}
				}
				names = append(names, id)
			}
			p.cancelFuncs(names, x.Rhs)
		case *ast.KeyValueExpr:
			if k, ok := x.Key.(*ast.Ident); ok {
				p.add(k.Name, valueType(x.Value))
			}
		}
		return true
	})
}

// cancelFuncs records the second name bound by ctx, cancel := context.WithX(...).
func (p *pkgInfo) cancelFuncs(names []*ast.Ident, values []ast.Expr) {
	if len(names) != 2 || len(values) != 1 {
		return
	}
	c, ok := values[0].(*ast.CallExpr)
	if !ok {
		return
	}
	switch callName(c) {
	case "context.WithCancel", "context.WithTimeout", "context.WithDeadline":
		p.add(names[1].Name, "context.CancelFunc")
	case "context.WithCancelCause", "context.WithTimeoutCause", "context.WithDeadlineCause":
		p.add(names[1].Name, "context.CancelCauseFunc")
	case "errgroup.WithContext":
		p.add(names[0].Name, "*errgroup.Group")
	}
}

// collectChanUses finds the names of channels that may be sent on.
func (p *pkgInfo) collectChanUses(f *ast.File) {
	var stack []ast.Node
	var results []*ast.FieldList // result lists of the enclosing functions
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			switch top.(type) {
			case *ast.FuncDecl, *ast.FuncLit:
				results = results[:len(results)-1]
			}
			return true
		}
		switch x := n.(type) {
		case *ast.FuncDecl:
			results = append(results, x.Type.Results)
		case *ast.FuncLit:
			results = append(results, x.Type.Results)
		case *ast.SendStmt:
			p.maybeSent[lastName(x.Chan)] = true
		case *ast.Ident:
			if len(stack) > 0 && !p.harmlessUse(x, stack, results) {
				p.maybeSent[x.Name] = true
			}
		}
		stack = append(stack, n)
		return true
	})
}

// harmlessUse reports whether the use of id (a channel name, perhaps) cannot
// send on it: close(id), <-id, range id, a declaration, the field name in
// x.id (the use is judged at x.id), or return of a receive-only channel.
func (p *pkgInfo) harmlessUse(id *ast.Ident, stack []ast.Node, results []*ast.FieldList) bool {
	var node ast.Node = id
	i := len(stack) - 1
	if sel, ok := stack[i].(*ast.SelectorExpr); ok {
		if sel.X == id {
			return true // id.field: judged by the field
		}
		node, i = sel, i-1
	}
	if i < 0 {
		return true
	}
	switch parent := stack[i].(type) {
	case *ast.CallExpr:
		return callName(parent) == "close" || parent.Fun == node
	case *ast.UnaryExpr:
		return parent.Op == token.ARROW
	case *ast.RangeStmt:
		return parent.X == node
	case *ast.KeyValueExpr:
		return parent.Key == node
	case *ast.AssignStmt:
		for _, l := range parent.Lhs {
			if l == node {
				return true
			}
		}
	case *ast.ReturnStmt:
		if len(results) > 0 && results[len(results)-1] != nil {
			for _, r := range results[len(results)-1].List {
				if ct, ok := r.Type.(*ast.ChanType); ok && ct.Dir == ast.RECV {
					return true
				}
			}
		}
	case *ast.Field, *ast.ValueSpec, *ast.FuncDecl, *ast.TypeSpec, *ast.StructType,
		*ast.SelectorExpr, *ast.BranchStmt, *ast.LabeledStmt, *ast.File, *ast.ImportSpec:
		return true
	}
	return false
}

// lastName is the name an expression ends in: mu, t.mu, locks[i] -> locks.
func lastName(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return x.Sel.Name
	case *ast.IndexExpr:
		return lastName(x.X)
	case *ast.StarExpr:
		return lastName(x.X)
	case *ast.ParenExpr:
		return lastName(x.X)
	case *ast.UnaryExpr:
		return lastName(x.X)
	}
	return ""
}

// rootIdent is the identifier an expression starts from: t in t.mu.
func rootIdent(e ast.Expr) *ast.Ident {
	switch x := e.(type) {
	case *ast.Ident:
		return x
	case *ast.SelectorExpr:
		return rootIdent(x.X)
	case *ast.IndexExpr:
		return rootIdent(x.X)
	case *ast.StarExpr:
		return rootIdent(x.X)
	case *ast.ParenExpr:
		return rootIdent(x.X)
	}
	return nil
}

// baseType strips pointers, slices and arrays: *[]sync.Mutex -> sync.Mutex.
func baseType(t string) string {
	for {
		switch {
		case strings.HasPrefix(t, "*"):
			t = t[1:]
		case strings.HasPrefix(t, "[]"):
			t = t[2:]
		case strings.HasPrefix(t, "[N]"):
			t = t[3:]
		default:
			return t
		}
	}
}

// typeOf lists the base types declared for the name e ends in. For x.f,
// where x's struct type is known and has a field f, that field's type.
func (p *pkgInfo) typeOf(e ast.Expr) []string {
	var out []string
	if sel, ok := e.(*ast.SelectorExpr); ok {
		for _, st := range p.typeOf(sel.X) {
			if t, ok := p.fields[st][sel.Sel.Name]; ok {
				out = append(out, baseType(t))
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	for t := range p.types[lastName(e)] {
		out = append(out, baseType(t))
	}
	return out
}

// embedKey prefixes the name of a struct type to list what it embeds.
const embedKey = "embedded in "

// is reports whether e's name is declared with one of the types, or with a
// struct type that embeds one of them.
func (p *pkgInfo) is(e ast.Expr, types ...string) bool {
	var ts []string
	for _, t := range p.typeOf(e) {
		ts = append(ts, t)
		for emb := range p.types[embedKey+t] {
			ts = append(ts, emb)
		}
	}
	for _, t := range ts {
		for _, want := range types {
			if t == want || (strings.HasSuffix(want, "[") && strings.HasPrefix(t, want)) {
				return true
			}
		}
	}
	return false
}

// only reports whether e's name is declared, and only with type t.
func (p *pkgInfo) only(e ast.Expr, t string) bool {
	ts := p.typeOf(e)
	for _, have := range ts {
		if have != t {
			return false
		}
	}
	return len(ts) > 0
}

// unknown reports whether nothing is known of e's type.
func (p *pkgInfo) unknown(e ast.Expr) bool { return len(p.typeOf(e)) == 0 }

func (p *pkgInfo) isMutex(e ast.Expr) bool {
	return p.is(e, "sync.Mutex", "sync.RWMutex", "sync.Locker") || p.unknown(e)
}

func (p *pkgInfo) isWaitGroup(e ast.Expr) bool {
	return p.is(e, "sync.WaitGroup") || (p.unknown(e) && strings.Contains(strings.ToLower(lastName(e)), "wg"))
}

// atomicValueType is the Go type a typed atomic's Load returns, or "" if e
// is not a typed atomic.
func (p *pkgInfo) atomicValueType(e ast.Expr) string {
	for _, t := range p.typeOf(e) {
		switch t {
		case "atomic.Int32", "atomic.Int64", "atomic.Uint32", "atomic.Uint64", "atomic.Uintptr", "atomic.Bool":
			return strings.ToLower(strings.TrimPrefix(t, "atomic."))
		case "atomic.Value":
			return "any"
		}
		if strings.HasPrefix(t, "atomic.Pointer[") {
			return "*" + strings.TrimSuffix(strings.TrimPrefix(t, "atomic.Pointer["), "]")
		}
	}
	return ""
}

// fileCtx finds the sites of every operator in one file.
type fileCtx struct {
	fset *token.FileSet
	file *ast.File
	src  []byte
	pkg  *pkgInfo

	fn     string          // the enclosing function's name, for IDs
	locals map[string]bool // names declared inside the enclosing function
	out    []site
}

func (c *fileCtx) off(p token.Pos) int { return c.fset.Position(p).Offset }

func (c *fileCtx) text(n ast.Node) string { return string(c.src[c.off(n.Pos()):c.off(n.End())]) }

func (c *fileCtx) add(op string, pos token.Pos, desc string, edits ...edit) {
	c.out = append(c.out, site{op: op, fn: c.fn, pos: pos, desc: desc, edits: edits})
}

// replace is the edit that puts text in n's place.
func (c *fileCtx) replace(n ast.Node, text string) edit {
	return edit{c.off(n.Pos()), c.off(n.End()), text}
}

// remove deletes a statement that calls a method on (or closes) x. If x is
// a variable of the function, a blank use stands in for the statement, so
// the mutant does not fail to build on "declared and not used".
func (c *fileCtx) remove(s ast.Stmt, x ast.Expr, addr bool) edit {
	if x != nil {
		if id := rootIdent(x); id != nil && c.locals[id.Name] {
			if addr {
				return c.replace(s, "_ = &"+c.text(x))
			}
			return c.replace(s, "_ = "+c.text(x))
		}
	}
	return c.deleteStmt(s)
}

// deleteStmt removes a statement, and its line when nothing else is on it.
func (c *fileCtx) deleteStmt(s ast.Stmt) edit {
	from, to := c.off(s.Pos()), c.off(s.End())
	start := from
	for start > 0 && (c.src[start-1] == ' ' || c.src[start-1] == '\t') {
		start--
	}
	end := to
	for end < len(c.src) && (c.src[end] == ' ' || c.src[end] == '\t') {
		end++
	}
	if (start == 0 || c.src[start-1] == '\n') && end < len(c.src) && c.src[end] == '\n' {
		return edit{start, end + 1, ""}
	}
	return edit{from, to, ""}
}

func funcName(d *ast.FuncDecl) string {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return d.Name.Name
	}
	t := d.Recv.List[0].Type
	star := false
	if s, ok := t.(*ast.StarExpr); ok {
		star, t = true, s.X
	}
	switch x := t.(type) {
	case *ast.IndexExpr:
		t = x.X
	case *ast.IndexListExpr:
		t = x.X
	}
	name := typeString(t)
	if star {
		return "(*" + name + ")." + d.Name.Name
	}
	return name + "." + d.Name.Name
}

func (c *fileCtx) sites() []site {
	for _, d := range c.file.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Body == nil {
				continue
			}
			c.fn = funcName(d)
			c.locals = localNames(d.Body)
			c.funcSites(d)
		case *ast.GenDecl:
			c.fn, c.locals = "var", nil
			c.funcSites(d)
		}
	}
	return c.out
}

func localNames(body *ast.BlockStmt) map[string]bool {
	names := map[string]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.AssignStmt:
			if x.Tok == token.DEFINE {
				for _, l := range x.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						names[id.Name] = true
					}
				}
			}
		case *ast.ValueSpec:
			for _, id := range x.Names {
				names[id.Name] = true
			}
		case *ast.RangeStmt:
			if x.Tok == token.DEFINE {
				for _, e := range []ast.Expr{x.Key, x.Value} {
					if id, ok := e.(*ast.Ident); ok {
						names[id.Name] = true
					}
				}
			}
		}
		return true
	})
	return names
}

// methodCall matches a call x.name(args) with name among names.
func methodCall(e ast.Expr, names ...string) (*ast.CallExpr, *ast.SelectorExpr, bool) {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return nil, nil, false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil, nil, false
	}
	for _, n := range names {
		if sel.Sel.Name == n {
			return call, sel, true
		}
	}
	return nil, nil, false
}

// stmtCall is the call a statement makes: f() as a statement, defer f(), go f().
func stmtCall(s ast.Stmt) (*ast.CallExpr, bool) {
	switch x := s.(type) {
	case *ast.ExprStmt:
		c, ok := x.X.(*ast.CallExpr)
		return c, ok
	case *ast.DeferStmt:
		return x.Call, true
	}
	return nil, false
}

// lockEvent is a Lock or an Unlock statement in a function.
type lockEvent struct {
	stmt   ast.Stmt
	sel    *ast.SelectorExpr
	key    string // the mutex as written, plus R for the read side
	lock   bool
	defers bool
	list   []ast.Stmt // the statement list holding stmt
	index  int        // stmt's index in list
}

func (c *fileCtx) lockEvents(root ast.Node) []lockEvent {
	var evs []lockEvent
	eachList(root, func(list []ast.Stmt) {
		for i, s := range list {
			call, ok := stmtCall(s)
			if !ok {
				continue
			}
			_, sel, ok := methodCall(call, "Lock", "RLock", "Unlock", "RUnlock")
			if !ok || len(call.Args) != 0 || !c.pkg.isMutex(sel.X) {
				continue
			}
			name := sel.Sel.Name
			ev := lockEvent{stmt: s, sel: sel, list: list, index: i}
			ev.lock = name == "Lock" || name == "RLock"
			_, ev.defers = s.(*ast.DeferStmt)
			if ev.lock && ev.defers {
				continue // defer mu.Lock() is not a pattern we mutate
			}
			ev.key = c.text(sel.X)
			if strings.HasPrefix(name, "R") {
				ev.key += " R"
			}
			evs = append(evs, ev)
		}
	})
	// eachList visits lists outer first; order the events by position.
	for i := 1; i < len(evs); i++ {
		for j := i; j > 0 && evs[j].stmt.Pos() < evs[j-1].stmt.Pos(); j-- {
			evs[j], evs[j-1] = evs[j-1], evs[j]
		}
	}
	return evs
}

// unlocksOf lists the Unlocks that pair with lock event i: the Unlocks of the
// same mutex after it, up to its next Lock.
func unlocksOf(evs []lockEvent, i int) []lockEvent {
	var out []lockEvent
	for _, e := range evs[i+1:] {
		if e.key != evs[i].key {
			continue
		}
		if e.lock {
			break
		}
		out = append(out, e)
	}
	return out
}

// eachList calls fn with every statement list under root (blocks and case
// bodies), outer lists first.
func eachList(root ast.Node, fn func([]ast.Stmt)) {
	ast.Inspect(root, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.BlockStmt:
			fn(x.List)
		case *ast.CaseClause:
			fn(x.Body)
		case *ast.CommClause:
			fn(x.Body)
		}
		return true
	})
}

func (c *fileCtx) funcSites(root ast.Node) {
	c.lockSites(root)
	c.atomicSites(root)
	c.stmtSites(root)
	c.chanSites(root)
	c.selectSites(root)
}

func (c *fileCtx) lockSites(root ast.Node) {
	evs := c.lockEvents(root)
	for i, ev := range evs {
		if !ev.lock {
			continue
		}
		unlocks := unlocksOf(evs, i)
		mu := c.text(ev.sel.X)
		lockName := ev.sel.Sel.Name
		unlockName := "Unlock"
		if lockName == "RLock" {
			unlockName = "RUnlock"
		}

		// remove-lock: the Lock and every Unlock that pairs with it.
		edits := []edit{c.remove(ev.stmt, ev.sel.X, true)}
		for _, u := range unlocks {
			edits = append(edits, c.remove(u.stmt, u.sel.X, true))
		}
		c.add(OpRemoveLock, ev.stmt.Pos(), fmt.Sprintf("removed %s.%s() and its %d %s()", mu, lockName, len(unlocks), unlockName), edits...)

		// rlock: a writer that only takes the read lock.
		if lockName == "Lock" && c.pkg.only(ev.sel.X, "sync.RWMutex") {
			edits := []edit{c.replace(ev.sel.Sel, "RLock")}
			for _, u := range unlocks {
				edits = append(edits, c.replace(u.sel.Sel, "RUnlock"))
			}
			c.add(OpRLock, ev.stmt.Pos(), fmt.Sprintf("%s.Lock() -> %s.RLock() (and its Unlocks -> RUnlock)", mu, mu), edits...)
		}

		// shrink-cs: the section ends after its first statement, or
		// before it when that statement is its last or leaves the block.
		unlock := mu + "." + unlockName + "()"
		list, at := ev.list, ev.index
		if at+1 < len(list) && isUnlockOf(list[at+1], unlocks, true) {
			rest := list[at+2:]
			// A final return of locals needs no lock: keeping it in the
			// section would leave the mutant equivalent to the solution.
			work := rest
			if len(work) > 0 && returnsLocals(work[len(work)-1]) {
				work = work[:len(work)-1]
			}
			switch {
			case len(rest) == 0:
			case len(work) <= 1 || leaves(rest[0]):
				c.add(OpShrinkCS, ev.stmt.Pos(), fmt.Sprintf("defer %s -> %s at once: the section is empty", unlock, unlock),
					c.replace(list[at+1], unlock))
			default:
				c.add(OpShrinkCS, ev.stmt.Pos(), fmt.Sprintf("defer %s -> %s after the section's first statement", unlock, unlock),
					c.deleteStmt(list[at+1]), edit{c.off(rest[0].End()), c.off(rest[0].End()), "\n" + unlock})
			}
			continue
		}
		for j := at + 1; j < len(list); j++ {
			if !isUnlockOf(list[j], unlocks, false) {
				continue
			}
			switch n := j - at - 1; {
			case n == 1:
				c.add(OpShrinkCS, ev.stmt.Pos(), fmt.Sprintf("%s moved up: the section is empty", unlock),
					c.deleteStmt(list[j]), edit{c.off(ev.stmt.End()), c.off(ev.stmt.End()), "\n" + unlock})
			case n >= 2:
				c.add(OpShrinkCS, ev.stmt.Pos(), fmt.Sprintf("%s moved up to after the section's first statement", unlock),
					c.deleteStmt(list[j]), edit{c.off(list[at+1].End()), c.off(list[at+1].End()), "\n" + unlock})
			}
			break
		}
	}

	// swap-locks: two Locks in a row (deferred Unlocks between them do
	// not count), of two mutexes, taken in the other order.
	eachList(root, func(list []ast.Stmt) {
		for i := 0; i < len(list); i++ {
			a := lockCall(c, list[i])
			if a == nil {
				continue
			}
			j := i + 1
			for j < len(list) && isDeferredUnlock(list[j]) {
				j++
			}
			if j == len(list) {
				continue
			}
			b := lockCall(c, list[j])
			if b == nil || c.text(a.X) == c.text(b.X) {
				continue
			}
			c.add(OpSwapLocks, list[i].Pos(), fmt.Sprintf("%s and %s taken in the other order", c.text(a.X), c.text(b.X)),
				c.replace(list[i], c.text(list[j])), c.replace(list[j], c.text(list[i])))
		}
	})
}

func isDeferredUnlock(s ast.Stmt) bool {
	d, ok := s.(*ast.DeferStmt)
	if !ok {
		return false
	}
	_, _, ok = methodCall(d.Call, "Unlock", "RUnlock")
	return ok
}

// lockCall returns the selector of a statement x.Lock() or x.RLock().
func lockCall(c *fileCtx, s ast.Stmt) *ast.SelectorExpr {
	es, ok := s.(*ast.ExprStmt)
	if !ok {
		return nil
	}
	call, sel, ok := methodCall(es.X, "Lock", "RLock")
	if !ok || len(call.Args) != 0 || !c.pkg.isMutex(sel.X) {
		return nil
	}
	return sel
}

func isUnlockOf(s ast.Stmt, unlocks []lockEvent, deferred bool) bool {
	for _, u := range unlocks {
		if u.stmt == s && u.defers == deferred {
			return true
		}
	}
	return false
}

// returnsLocals reports whether s is a return of nothing, or of names and
// constants only: it reads no shared state (a name could be a package
// variable, but then the function would hardly hold a lock to return it).
func returnsLocals(s ast.Stmt) bool {
	r, ok := s.(*ast.ReturnStmt)
	if !ok {
		return false
	}
	for _, e := range r.Results {
		switch e.(type) {
		case *ast.Ident, *ast.BasicLit:
		default:
			return false
		}
	}
	return true
}

// leaves reports whether s leaves the block: return, break, continue, goto.
func leaves(s ast.Stmt) bool {
	switch s.(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	}
	return false
}

// atomicSites: an atomic read-modify-write split into a load and a store;
// the sync/atomic functions turned into plain reads and writes.
func (c *fileCtx) atomicSites(root ast.Node) {
	stmtOf := map[ast.Expr]ast.Stmt{}
	ast.Inspect(root, func(n ast.Node) bool {
		if es, ok := n.(*ast.ExprStmt); ok {
			stmtOf[es.X] = es
		}
		return true
	})
	ast.Inspect(root, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		// Typed atomics: atomic.Int64 and friends.
		if _, sel, ok := methodCall(call, "Add", "CompareAndSwap", "Swap"); ok {
			if t := c.pkg.atomicValueType(sel.X); t != "" {
				c.splitTyped(call, sel, t, stmtOf[call])
				return true
			}
		}
		// Functions: atomic.AddInt64(&x, d) and friends.
		name := callName(call)
		if fn, ok := strings.CutPrefix(name, "atomic."); ok && len(call.Args) >= 1 {
			c.plainAtomic(call, fn, stmtOf[call])
		}
		return true
	})
}

func (c *fileCtx) splitTyped(call *ast.CallExpr, sel *ast.SelectorExpr, t string, stmt ast.Stmt) {
	v := c.text(sel.X)
	args := make([]string, len(call.Args))
	for i, a := range call.Args {
		args[i] = c.text(a)
	}
	switch sel.Sel.Name {
	case "Add":
		if len(args) != 1 {
			return
		}
		if stmt != nil {
			c.add(OpSplitAtomic, call.Pos(), fmt.Sprintf("%s.Add(%s) -> %s.Store(%s.Load() + %s)", v, args[0], v, v, args[0]),
				c.replace(stmt, fmt.Sprintf("%s.Store(%s.Load() + (%s))", v, v, args[0])))
			return
		}
		c.add(OpSplitAtomic, call.Pos(), fmt.Sprintf("%s.Add(%s) -> a Load, then a Store of the sum", v, args[0]),
			c.replace(call, fmt.Sprintf("func() %s {\nn := %s.Load() + (%s)\n%s.Store(n)\nreturn n\n}()", t, v, args[0], v)))
	case "CompareAndSwap":
		if len(args) != 2 {
			return
		}
		c.add(OpSplitAtomic, call.Pos(), fmt.Sprintf("%s.CompareAndSwap -> a Load, a compare, then a Store", v),
			c.replace(call, fmt.Sprintf("func() bool {\nif %s.Load() != (%s) {\nreturn false\n}\n%s.Store(%s)\nreturn true\n}()", v, args[0], v, args[1])))
	case "Swap":
		if len(args) != 1 {
			return
		}
		c.add(OpSplitAtomic, call.Pos(), fmt.Sprintf("%s.Swap -> a Load, then a Store", v),
			c.replace(call, fmt.Sprintf("func() %s {\nold := %s.Load()\n%s.Store(%s)\nreturn old\n}()", t, v, v, args[0])))
	}
}

// plainAtomic turns atomic.AddInt64(&x, d) into x += d, and the other
// functions of sync/atomic into plain reads and writes of *p.
func (c *fileCtx) plainAtomic(call *ast.CallExpr, fn string, stmt ast.Stmt) {
	var op, typ string
	for _, o := range []string{"CompareAndSwap", "Add", "Load", "Store", "Swap"} {
		if t, ok := strings.CutPrefix(fn, o); ok {
			op, typ = o, strings.ToLower(t)
			break
		}
	}
	switch typ {
	case "int32", "int64", "uint32", "uint64", "uintptr":
	default:
		return
	}
	p := call.Args[0]
	x := "*" + "(" + c.text(p) + ")"
	if u, ok := p.(*ast.UnaryExpr); ok && u.Op == token.AND {
		x = c.text(u.X)
	}
	args := make([]string, len(call.Args))
	for i, a := range call.Args {
		args[i] = c.text(a)
	}
	var repl string
	switch {
	case op == "Load" && len(args) == 1:
		repl = "(" + x + ")"
	case op == "Store" && len(args) == 2 && stmt != nil:
		c.add(OpSplitAtomic, call.Pos(), fmt.Sprintf("atomic.%s -> a plain write", fn), c.replace(stmt, x+" = "+args[1]))
		return
	case op == "Add" && len(args) == 2 && stmt != nil:
		c.add(OpSplitAtomic, call.Pos(), fmt.Sprintf("atomic.%s -> a plain +=", fn), c.replace(stmt, x+" += "+args[1]))
		return
	case op == "Add" && len(args) == 2:
		repl = fmt.Sprintf("func() %s {\n%s += %s\nreturn %s\n}()", typ, x, args[1], x)
	case op == "Swap" && len(args) == 2:
		repl = fmt.Sprintf("func() %s {\nold := %s\n%s = %s\nreturn old\n}()", typ, x, x, args[1])
	case op == "CompareAndSwap" && len(args) == 3:
		repl = fmt.Sprintf("func() bool {\nif %s != %s {\nreturn false\n}\n%s = %s\nreturn true\n}()", x, args[1], x, args[2])
	default:
		return
	}
	c.add(OpSplitAtomic, call.Pos(), fmt.Sprintf("atomic.%s -> plain reads and writes", fn), c.replace(call, repl))
}

// stmtSites: statements removed or changed one at a time.
func (c *fileCtx) stmtSites(root ast.Node) {
	ast.Inspect(root, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.GoStmt:
			c.add(OpRemoveGo, s.Pos(), "go "+shorten(c.text(s.Call))+" -> called in place", edit{c.off(s.Go), c.off(s.Call.Pos()), ""})
		case *ast.ForStmt:
			if s.Init == nil && s.Post == nil && s.Cond != nil && c.waitsOnCond(s.Body) {
				c.add(OpWaitIf, s.Pos(), fmt.Sprintf("for %s { ...Wait() } -> if", c.text(s.Cond)), edit{c.off(s.For), c.off(s.For) + 3, "if"})
			}
		case *ast.ExprStmt, *ast.DeferStmt:
			c.callStmt(s.(ast.Stmt))
		case *ast.AssignStmt:
			c.groupContext(s)
		}
		// Broadcast -> Signal, wherever it is called.
		if call, ok := n.(*ast.CallExpr); ok {
			if _, sel, ok := methodCall(call, "Broadcast"); ok && len(call.Args) == 0 && !c.pkg.is(sel.X, "sync.WaitGroup") {
				c.add(OpSignal, call.Pos(), c.text(sel.X)+".Broadcast() -> Signal()", c.replace(sel.Sel, "Signal"))
			}
			c.onceCall(call)
		}
		return true
	})
}

func (c *fileCtx) callStmt(s ast.Stmt) {
	call, ok := stmtCall(s)
	if !ok {
		return
	}
	deferred := ""
	if _, ok := s.(*ast.DeferStmt); ok {
		deferred = "defer "
	}
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		if fn.Name == "close" && len(call.Args) == 1 {
			c.add(OpRemoveClose, s.Pos(), "removed "+deferred+c.text(call), c.remove(s, call.Args[0], false))
			return
		}
	}
	if c.pkg.is(call.Fun, "context.CancelFunc", "context.CancelCauseFunc") {
		e := c.deleteStmt(s)
		if id, ok := call.Fun.(*ast.Ident); ok {
			e = c.replace(s, "_ = "+id.Name)
		}
		c.add(OpRemoveCancel, s.Pos(), "removed "+deferred+c.text(call), e)
		return
	}
	_, sel, ok := methodCall(call, "Add", "Done", "Go")
	if !ok {
		return
	}
	if sel.Sel.Name == "Go" && len(call.Args) == 1 && deferred == "" && c.pkg.is(sel.X, "errgroup.Group") {
		c.add(OpWGGo, s.Pos(), c.text(sel.X)+".Go(f) -> go f(), not waited for",
			c.replace(s, "go "+c.text(call.Args[0])+"()"))
		return
	}
	if !c.pkg.isWaitGroup(sel.X) {
		return
	}
	switch {
	case sel.Sel.Name == "Add" && len(call.Args) == 1:
		c.add(OpRemoveWGAdd, s.Pos(), "removed "+deferred+c.text(call), c.remove(s, sel.X, true))
	case sel.Sel.Name == "Done" && len(call.Args) == 0:
		c.add(OpRemoveWGDone, s.Pos(), "removed "+deferred+c.text(call), c.remove(s, sel.X, true))
	case sel.Sel.Name == "Go" && len(call.Args) == 1 && deferred == "":
		c.add(OpWGGo, s.Pos(), c.text(sel.X)+".Go(f) -> go f(), not waited for",
			c.replace(s, "go "+c.text(call.Args[0])+"()"))
	}
}

// groupContext: g, ctx := errgroup.WithContext(parent) -> the group's
// context is never made, so the first error cancels nothing.
func (c *fileCtx) groupContext(s *ast.AssignStmt) {
	if len(s.Lhs) != 2 || len(s.Rhs) != 1 {
		return
	}
	call, ok := s.Rhs[0].(*ast.CallExpr)
	id, isIdent := s.Lhs[1].(*ast.Ident)
	if !ok || !isIdent || id.Name == "_" || callName(call) != "errgroup.WithContext" || len(call.Args) != 1 {
		return
	}
	parent := c.text(call.Args[0])
	edits := []edit{c.replace(id, "_")}
	if parent != id.Name {
		at := c.off(s.End())
		edits = append(edits, edit{at, at, fmt.Sprintf("\n%s %s %s", id.Name, s.Tok, parent)})
	}
	c.add(OpRemoveCancel, s.Pos(), fmt.Sprintf("the group's context is %s itself: the first error cancels nothing", parent), edits...)
}

// onceCall: once.Do(f) -> f(); sync.OnceFunc(f), OnceValue(f), OnceValues(f) -> f;
// a singleflight.Group's Do(key, f) -> f() for every caller.
func (c *fileCtx) onceCall(call *ast.CallExpr) {
	switch callName(call) {
	case "sync.OnceFunc", "sync.OnceValue", "sync.OnceValues":
		if len(call.Args) == 1 {
			c.add(OpOnceDirect, call.Pos(), callName(call)+"(f) -> f, called every time", c.replace(call, c.text(call.Args[0])))
		}
		return
	}
	if _, sel, ok := methodCall(call, "Do"); ok && len(call.Args) == 1 && c.pkg.is(sel.X, "sync.Once") {
		c.add(OpOnceDirect, call.Pos(), c.text(sel.X)+".Do(f) -> f(), every time", c.replace(call, c.text(call.Args[0])+"()"))
	}
	if _, sel, ok := methodCall(call, "Do"); ok && len(call.Args) == 2 && c.pkg.is(sel.X, "singleflight.Group") {
		c.add(OpOnceDirect, call.Pos(), c.text(sel.X)+".Do(key, f) -> f(), for every caller",
			c.replace(call, fmt.Sprintf("func() (any, error, bool) {\nv, err := (%s)()\nreturn v, err, false\n}()", c.text(call.Args[1]))))
	}
}

// waitsOnCond reports whether body calls x.Wait() on something that is not
// a WaitGroup, outside any function literal.
func (c *fileCtx) waitsOnCond(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if call, sel, ok := methodCall(exprOf(n), "Wait"); ok && len(call.Args) == 0 && !c.pkg.isWaitGroup(sel.X) {
			found = true
		}
		return !found
	})
	return found
}

func exprOf(n ast.Node) ast.Expr {
	e, _ := n.(ast.Expr)
	return e
}

// chanSites: the buffer of a channel made with make, for channels that
// may be sent on (a buffer on a channel that is only closed changes nothing).
func (c *fileCtx) chanSites(root ast.Node) {
	var stack []ast.Node
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		defer func() { stack = append(stack, n) }()
		call, ok := n.(*ast.CallExpr)
		if !ok || callName(call) != "make" || len(call.Args) < 1 || len(call.Args) > 2 {
			return true
		}
		if _, ok := call.Args[0].(*ast.ChanType); !ok {
			return true
		}
		if name := destName(call, stack); name != "" && !c.pkg.maybeSent[name] {
			return true
		}
		typ := c.text(call.Args[0])
		if len(call.Args) == 1 {
			c.add(OpChanBuffer1, call.Pos(), fmt.Sprintf("make(%s) -> buffer 1", typ), c.replace(call, fmt.Sprintf("make(%s, 1)", typ)))
			c.add(OpChanBufferAdd, call.Pos(), fmt.Sprintf("make(%s) -> buffer 1000", typ), c.replace(call, fmt.Sprintf("make(%s, 1000)", typ)))
			return true
		}
		n0 := c.text(call.Args[1])
		if n0 != "0" {
			c.add(OpChanBuffer0, call.Pos(), fmt.Sprintf("make(%s, %s) -> unbuffered", typ, n0), c.replace(call, fmt.Sprintf("make(%s)", typ)))
		}
		if n0 != "1" {
			c.add(OpChanBuffer1, call.Pos(), fmt.Sprintf("make(%s, %s) -> buffer 1", typ, n0), c.replace(call, fmt.Sprintf("make(%s, 1)", typ)))
		}
		c.add(OpChanBufferAdd, call.Pos(), fmt.Sprintf("make(%s, %s) -> buffer %s+1000", typ, n0, n0), c.replace(call.Args[1], fmt.Sprintf("(%s)+1000", n0)))
		return true
	})
}

// destName is the name a made value is stored under: ch in ch := make(...),
// quit in Hub{quit: make(...)}; "" when it is not stored by name.
func destName(call *ast.CallExpr, stack []ast.Node) string {
	if len(stack) == 0 {
		return ""
	}
	switch p := stack[len(stack)-1].(type) {
	case *ast.AssignStmt:
		for i, r := range p.Rhs {
			if r == call && i < len(p.Lhs) && len(p.Lhs) == len(p.Rhs) {
				return lastName(p.Lhs[i])
			}
		}
	case *ast.ValueSpec:
		for i, v := range p.Values {
			if v == call && i < len(p.Names) {
				return p.Names[i].Name
			}
		}
	case *ast.KeyValueExpr:
		if k, ok := p.Key.(*ast.Ident); ok && p.Value == call {
			return k.Name
		}
	}
	return ""
}

// selectSites: a select loses its cancellation case, or gains a default.
func (c *fileCtx) selectSites(root ast.Node) {
	// A select that ends a function with results is what makes the
	// function end in a return: with a default it would not, and the
	// mutant would not build ("missing return").
	terminal := map[*ast.SelectStmt]bool{}
	ast.Inspect(root, func(n ast.Node) bool {
		var ft *ast.FuncType
		var body *ast.BlockStmt
		switch f := n.(type) {
		case *ast.FuncDecl:
			ft, body = f.Type, f.Body
		case *ast.FuncLit:
			ft, body = f.Type, f.Body
		default:
			return true
		}
		if ft.Results != nil && len(ft.Results.List) > 0 && body != nil && len(body.List) > 0 {
			if sel, ok := body.List[len(body.List)-1].(*ast.SelectStmt); ok {
				terminal[sel] = true
			}
		}
		return true
	})
	ast.Inspect(root, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectStmt)
		if !ok {
			return true
		}
		hasDefault := false
		for _, cl := range sel.Body.List {
			cc := cl.(*ast.CommClause)
			if cc.Comm == nil {
				hasDefault = true
				continue
			}
			if ch := recvChan(cc.Comm); ch != nil && c.isDoneChan(ch) {
				c.add(OpDropDoneCase, cc.Pos(), fmt.Sprintf("dropped `case <-%s:` from the select", c.text(ch)), c.deleteStmt(cc))
			}
		}
		if !hasDefault && !terminal[sel] {
			at := c.off(sel.Body.Rbrace)
			c.add(OpAddDefault, sel.Pos(), "added `default:` to the select", edit{at, at, "default:\n"})
		}
		return true
	})
}

// recvChan is the channel a receive case reads: ch in `case <-ch:` and
// `case v := <-ch:`.
func recvChan(s ast.Stmt) ast.Expr {
	var e ast.Expr
	switch x := s.(type) {
	case *ast.ExprStmt:
		e = x.X
	case *ast.AssignStmt:
		if len(x.Rhs) == 1 {
			e = x.Rhs[0]
		}
	}
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return u.X
	}
	return nil
}

// isDoneChan: x.Done(), or a channel of struct{} (a quit or stop signal).
func (c *fileCtx) isDoneChan(ch ast.Expr) bool {
	if call, _, ok := methodCall(ch, "Done"); ok && len(call.Args) == 0 {
		return true
	}
	for _, t := range c.pkg.typeOf(ch) {
		if strings.HasSuffix(t, "chan struct{}") {
			return true
		}
	}
	return false
}

// shorten keeps descriptions to one line.
func shorten(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " …"
	}
	if len(s) > 60 {
		s = s[:57] + "…"
	}
	return s
}
