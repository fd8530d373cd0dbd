package boarding

import "sync"

// Waker is what a Gate needs of its sync.Cond.
type Waker = waker

// WrapCalls makes every Gate that NewGate makes from now on use the waker
// wrap returns around its sync.Cond, until restore is called. wrap also gets
// the lock the gate made its Cond with: the Cond's L.
func WrapCalls(wrap func(w Waker, l sync.Locker) Waker) (restore func()) {
	old := newCall
	newCall = func(l sync.Locker) waker { return wrap(old(l), l) }
	return func() { newCall = old }
}
