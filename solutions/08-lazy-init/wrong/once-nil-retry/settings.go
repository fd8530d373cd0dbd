// Kata 08, a tempting wrong fix: an atomic pointer checked twice, with a
// nil pointer meaning "not loaded yet".
//
// The fast path loads cfg atomically, and the slow path checks again under
// the lock before it loads the file, so no request reads a half-written
// Settings and two requests never read the file at once. But "loaded" is
// told by the pointer not being nil: when the file holds no settings and
// load returns nil, nothing records that it was read, and every later Get
// reads it again, each one queued behind the lock. load is called once in
// all, whatever it returns: the fact "loaded" needs a mark of its own
// (sync.Once keeps one).
package settings

import (
	"sync"
	"sync/atomic"
)

// Settings is what the service reads from its settings file.
type Settings struct {
	Region   string
	MaxConns int
}

// Lazy loads the Settings the first time they are asked for and keeps them.
// Use New to make one.
type Lazy struct {
	load func() *Settings
	mu   sync.Mutex
	cfg  atomic.Pointer[Settings]
}

// New returns a Lazy that calls load, once, when the settings are first
// asked for. It does not call load itself.
func New(load func() *Settings) *Lazy {
	return &Lazy{load: load}
}

// Get returns the settings, loading them if no one has yet. It may be
// called from many goroutines at once; every call returns the same
// *Settings, and load is called once in all.
func (l *Lazy) Get() *Settings {
	if s := l.cfg.Load(); s != nil {
		return s
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if s := l.cfg.Load(); s != nil {
		return s
	}
	s := l.load()
	l.cfg.Store(s)
	return s
}
