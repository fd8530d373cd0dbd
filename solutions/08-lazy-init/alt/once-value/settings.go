// Kata 08 · Settings loaded on first use, a correct alternative:
// sync.OnceValue.
//
// The reference keeps a sync.Once and the cfg field. sync.OnceValue (Go
// 1.21) wraps load into a function that calls it the first time it is
// called, makes every other caller wait until that call returns, and then
// hands every caller the same result: the once-only part, the waiting and
// the ordering of the write before every read are all inside it. New builds
// that function, so nothing in Lazy is ever written after New returns.
package settings

import "sync"

// Settings is what the service reads from its settings file.
type Settings struct {
	Region   string
	MaxConns int
}

// Lazy loads the Settings the first time they are asked for and keeps them.
// Use New to make one.
type Lazy struct {
	get func() *Settings // sync.OnceValue(load): calls load once, then returns its result
}

// New returns a Lazy that calls load, once, when the settings are first
// asked for. It does not call load itself.
func New(load func() *Settings) *Lazy {
	return &Lazy{get: sync.OnceValue(load)}
}

// Get returns the settings, loading them if no one has yet. It may be
// called from many goroutines at once; every call returns the same
// *Settings, and load is called once in all.
func (l *Lazy) Get() *Settings {
	return l.get()
}
