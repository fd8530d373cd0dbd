// Kata 08, a tempting wrong fix: an atomic.Pointer, and no lock.
//
// Every access to the pointer is atomic now, so there is no data race, and
// a request that finds the settings finds them whole. But "load if empty"
// is two steps: requests that find the pointer empty at the same moment
// each read the file, and each hands out settings of its own. Atomic steps
// do not make the sequence of them happen once.
package settings

import "sync/atomic"

// Settings is what the service reads from its settings file.
type Settings struct {
	Region   string
	MaxConns int
}

// Lazy loads the Settings the first time they are asked for and keeps them.
// Use New to make one.
type Lazy struct {
	load func() *Settings
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
	if cfg := l.cfg.Load(); cfg != nil {
		return cfg
	}
	cfg := l.load()
	l.cfg.Store(cfg)
	return cfg
}
