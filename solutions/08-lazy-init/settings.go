// Kata 08 · Settings loaded on first use
//
// A web service reads its settings from a file the first time a request needs
// them, then keeps them: reading the file is slow, and the settings do not
// change while the service runs. Get checks whether the settings are loaded;
// only if they are not does it take the lock, check again, and load them.
// The lock makes sure the file is read once. But the first check, and the
// return, read cfg with no lock held, while the request that loads them
// writes it: nothing orders that read against that write, so a request can
// see the pointer before it sees what it points to. A data race, and
// `go test -race` reports it.
//
// Solution: let a sync.Once do the once-only part. once.Do(f) calls f on the
// first call only, and no call of once.Do returns before that f has
// returned; in the memory model's words, the return of f synchronizes
// before the return of every once.Do. So every Get that gets past once.Do
// sees cfg written, and the Settings it points to filled in, without a
// lock of its own.
package settings

import "sync"

// Settings is what the service reads from its settings file.
type Settings struct {
	Region   string
	MaxConns int
}

// Lazy loads the Settings the first time they are asked for and keeps them.
// Use New to make one. A Lazy must not be copied after first use (it holds a
// sync.Once).
type Lazy struct {
	load func() *Settings // read-only after New

	once sync.Once
	cfg  *Settings // written once, inside once.Do; read only after once.Do returns
}

// New returns a Lazy that calls load, once, when the settings are first
// asked for. It does not call load itself.
func New(load func() *Settings) *Lazy {
	return &Lazy{load: load}
}

// Get returns the settings, loading them if no one has yet. It may be
// called from many goroutines at once; every call returns the same
// *Settings, and load is called once in all.
//
// Every Get goes through once.Do, even long after the settings are loaded:
// that is what orders its read of cfg after the write. Once's fast path is
// an atomic load, so this costs next to nothing. The tempting shortcut, a
// plain `if l.cfg != nil` (or a `done bool`) checked before the lock, is
// the bug itself: that read is ordered against nothing. An atomic.Pointer
// checked first, without the lock, is free of races but lets two requests
// that both find it empty read the file twice.
//
// Since Go 1.21, sync.OnceValue(load) returns a function that does all of
// this in one: New could store `get: sync.OnceValue(load)` and Get return
// l.get(). (If load panics, Once treats it as done and cfg stays nil, while
// OnceValue panics again on every call.)
func (l *Lazy) Get() *Settings {
	l.once.Do(func() { l.cfg = l.load() })
	return l.cfg
}
