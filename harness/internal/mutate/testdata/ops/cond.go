package cond

import "sync"

type Gate struct {
	mu   sync.Mutex
	call *sync.Cond
	open bool
}

func NewGate() *Gate {
	g := &Gate{}
	g.call = sync.NewCond(&g.mu)
	return g
}

func (g *Gate) Board() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for !g.open {
		g.call.Wait()
	}
}

func (g *Gate) Open() {
	g.mu.Lock()
	g.open = true
	g.call.Broadcast()
	g.mu.Unlock()
}
