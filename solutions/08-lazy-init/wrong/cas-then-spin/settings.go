// Kata 08, a tempting wrong fix: elect the loader with CompareAndSwap, and
// let the others spin until the settings appear.
//
// Exactly one request wins the swap and reads the file, every access is
// atomic, and every request gets the same settings: the results are right.
// But while the file is being read, every other request loops, calling
// runtime.Gosched and loading the pointer again and again. A slow settings
// file and a few hundred requests keep every core busy doing nothing.
// Waiting should park the goroutine (sync.Once does: its late callers block
// on a mutex until the first call returns).
package settings

import (
	"runtime"
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

	loading atomic.Bool              // set by the one request that loads
	cfg     atomic.Pointer[Settings] // nil until loaded
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
	if cfg := l.cfg.Load(); cfg != nil {
		return cfg
	}
	if l.loading.CompareAndSwap(false, true) {
		l.cfg.Store(l.load())
	}
	for l.cfg.Load() == nil {
		runtime.Gosched()
	}
	return l.cfg.Load()
}
