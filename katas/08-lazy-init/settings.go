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
// Your job: load the settings once, on first use, and hand every request
// the same, fully loaded settings. Keep the loading lazy and keep the API;
// no time.Sleep.
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

	// TODO: the lock guards the second check, but Get reads cfg twice
	// without it. Either every access to cfg is ordered after the one write,
	// or something else must do the once-only part.
	mu  sync.Mutex
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
	if l.cfg == nil {
		l.mu.Lock()
		if l.cfg == nil {
			l.cfg = l.load()
		}
		l.mu.Unlock()
	}
	return l.cfg
}
