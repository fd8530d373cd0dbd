// Kata 08, a tempting wrong fix: check under a read lock, load under the
// write lock, and do not check again.
//
// Every access to cfg is now under mu, so the race detector is silent, and
// once the settings are loaded every request shares the read lock. But
// between RUnlock and Lock anything can happen: two requests can both find
// cfg nil under the read lock, then take the write lock one after the
// other, and each read the file and hand out settings of its own. The
// check that decides "I am the one who loads" must be made again once the
// write lock is held (or let sync.Once make it).
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
	load func() *Settings

	mu  sync.RWMutex // protects cfg
	cfg *Settings
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
	l.mu.RLock()
	cfg := l.cfg
	l.mu.RUnlock()
	if cfg != nil {
		return cfg
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.cfg = l.load()
	return l.cfg
}
