// Kata 08, a tempting wrong fix: sync.Once in Get, and a warm-up in New.
//
// Get is right: sync.Once reads the file once and orders every request's
// reads after the load. But New also starts `go l.Get()`, so that the first
// request does not pay for the slow read. The settings are then read with
// no request at all, a moment after New returns: the loading is no longer
// lazy, and a service that never needs its settings reads the file anyway.
// Nothing may call load before a request asks.
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
	once sync.Once
	cfg  *Settings
}

// New returns a Lazy that calls load, once, when the settings are first
// asked for. It does not call load itself.
func New(load func() *Settings) *Lazy {
	l := &Lazy{load: load}
	go l.Get() // warm up off the request path; Get still loads only once
	return l
}

// Get returns the settings, loading them if no one has yet. It may be
// called from many goroutines at once; every call returns the same
// *Settings, and load is called once in all.
func (l *Lazy) Get() *Settings {
	l.once.Do(func() { l.cfg = l.load() })
	return l.cfg
}
