// Kata 08, a tempting wrong fix: a sync.Once, declared inside Get.
//
// sync.Once is the right tool, but a Once only remembers what happened to
// itself. Declared in Get, every call makes a fresh one that has never run:
// every request reads the file, and every request writes cfg, unordered
// against the others' writes and reads. The Once must live as long as what
// it guards: a field of Lazy, next to cfg.
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
	var once sync.Once
	once.Do(func() { l.cfg = l.load() })
	return l.cfg
}
