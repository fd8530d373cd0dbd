// Kata 08, a tempting wrong fix: a done flag, checked before the lock.
//
// A bool looks too small to race on, but a race is about ordering, not
// size: the unlocked read of done is ordered against nothing, and neither
// is the read of cfg that follows it. A request that sees done set has no
// guarantee that it sees cfg, or the Settings it points to, written.
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

	mu   sync.Mutex
	done bool
	cfg  *Settings
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
	if !l.done {
		l.mu.Lock()
		if !l.done {
			l.cfg = l.load()
			l.done = true
		}
		l.mu.Unlock()
	}
	return l.cfg
}
