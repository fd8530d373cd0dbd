// Kata 08, a tempting wrong fix: drop the lock, "the check is enough".
//
// Without the lock, nothing stops several requests from finding cfg nil at
// the same moment: each of them reads the file, and each writes cfg,
// unordered against the others' writes and against every other request's
// read. More races than before, and the file is read more than once.
package settings

// Settings is what the service reads from its settings file.
type Settings struct {
	Region   string
	MaxConns int
}

// Lazy loads the Settings the first time they are asked for and keeps them.
// Use New to make one.
type Lazy struct {
	load func() *Settings
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
	if l.cfg == nil {
		l.cfg = l.load()
	}
	return l.cfg
}
