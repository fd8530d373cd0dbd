package harness

import (
	"sync"
	"time"
)

// ProbeWait is the longest a Probe holds a caller at its gate.
const ProbeWait = 300 * time.Millisecond

// A Probe measures how many calls are inside a region at once. Work
// functions injected into kata code call Enter when they start and the
// returned leave when they finish; specs then read Max.
//
// A Probe also holds callers at a gate, so that a measurement does not depend
// on how fast the work is: Enter blocks until meet callers are inside at
// once, or until ProbeWait has passed since the first caller arrived. After
// either, the gate stays open and Enter never blocks again. So:
//
//   - NewProbe(2), then Max() >= 2, proves the work ran concurrently: truly
//     concurrent code opens the gate at once; sequential code waits
//     ProbeWait once and Max stays 1.
//   - NewProbe(n+1), then Max() <= n, proves a limit of n: unbounded code
//     lets n+1 in at once; a correct limit of n costs one ProbeWait.
//
// The zero value is not usable; use NewProbe. A Probe is safe for concurrent
// use. Its lock orders the callers' Enter and leave calls, so call Enter
// before, and leave after, the kata code's own shared accesses only when that
// ordering cannot hide the race a spec is looking for.
type Probe struct {
	meet int

	mu       sync.Mutex // protects the fields below
	inFlight int
	max      int
	calls    int
	gate     chan struct{} // closed when the gate opens
	opened   bool
	timer    *time.Timer
}

// NewProbe returns a probe whose gate opens once meet callers are inside at
// once. meet <= 1 means the gate is open from the start.
func NewProbe(meet int) *Probe {
	p := &Probe{meet: meet, gate: make(chan struct{})}
	if meet <= 1 {
		p.openLocked()
	}
	return p
}

// Enter records a caller entering the region and returns the function that
// records it leaving. It may block at the gate, for at most ProbeWait.
func (p *Probe) Enter() (leave func()) {
	p.mu.Lock()
	p.inFlight++
	p.calls++
	if p.inFlight > p.max {
		p.max = p.inFlight
	}
	if p.inFlight >= p.meet {
		p.openLocked()
	}
	if !p.opened && p.timer == nil {
		p.timer = time.AfterFunc(ProbeWait, func() {
			p.mu.Lock()
			defer p.mu.Unlock()
			p.openLocked()
		})
	}
	gate := p.gate
	p.mu.Unlock()

	<-gate
	var once sync.Once
	return func() {
		once.Do(func() {
			p.mu.Lock()
			p.inFlight--
			p.mu.Unlock()
		})
	}
}

// openLocked opens the gate; p.mu must be held.
func (p *Probe) openLocked() {
	if p.opened {
		return
	}
	p.opened = true
	close(p.gate)
	if p.timer != nil {
		p.timer.Stop()
	}
}

// Max is the largest number of callers that were inside at once.
func (p *Probe) Max() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.max
}

// Calls is how many times Enter was called.
func (p *Probe) Calls() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.calls
}

// InFlight is how many callers are inside now.
func (p *Probe) InFlight() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.inFlight
}
