package logship_test

import (
	"fmt"
	"strings"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	logship "github.com/racekatas/racekatas/katas/18-closing-producer"
)

// A fakeLog is one log file of a spec: its lines are fixed when it is made,
// and it records what Ship does with it. Each spec makes its own logs, so
// readers that a failed spec leaves behind share nothing with later specs.
type fakeLog struct {
	name  string
	lines []string        // read-only once made
	after <-chan struct{} // if set, Next waits until it is closed
	probe *harness.Probe  // if set, every Next enters it

	// slowClose, if set, makes Close take a while: until slowClose is
	// closed, or harness.ProbeWait has passed. Close counts only once it
	// has finished.
	slowClose <-chan struct{}

	mu     sync.Mutex // protects read and closes
	read   int        // lines Next has returned
	closes int        // calls to Close

	closed chan struct{} // closed by the first Close
}

// newLog returns a log called name holding n lines.
func newLog(name string, n int) *fakeLog {
	l := &fakeLog{name: name, closed: make(chan struct{})}
	for i := range n {
		l.lines = append(l.lines, fmt.Sprintf("%s: line %d", name, i+1))
	}
	return l
}

func (l *fakeLog) Next() (string, bool) {
	if l.after != nil {
		<-l.after
	}
	if l.probe != nil {
		leave := l.probe.Enter()
		defer leave()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.read == len(l.lines) {
		return "", false
	}
	l.read++
	return l.lines[l.read-1], true
}

func (l *fakeLog) Close() {
	if l.slowClose != nil {
		select {
		case <-l.slowClose:
		case <-time.After(harness.ProbeWait):
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closes++
	if l.closes == 1 {
		close(l.closed)
	}
}

// Closes is how many times Close was called.
func (l *fakeLog) Closes() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.closes
}

// shipped returns the lines of got that came from l, in the order they came.
func (l *fakeLog) shipped(got []string) []string {
	var mine []string
	for _, line := range got {
		if strings.HasPrefix(line, l.name+":") {
			mine = append(mine, line)
		}
	}
	return mine
}

// ship runs Ship over logs and, like the indexer, receives lines until the
// channel is closed, under the deadlock watchdog. The body gets the logs as
// a local slice built here, on the spec's goroutine: a body left blocked by
// a deadlock then reads no variable that a later spec's setup writes.
func ship(logs ...*fakeLog) []string {
	GinkgoHelper()
	in := make([]logship.Log, len(logs))
	for i, l := range logs {
		in[i] = l
	}
	var got []string
	harness.MustFinish(func() {
		for line := range logship.Ship(in) {
			got = append(got, line)
		}
	})
	return got
}

var _ = Describe("Ship", func() {
	var app, access, audit *fakeLog

	Context("when the application's log runs out while the others still have lines", func() {
		BeforeEach(func() {
			app = newLog("app.log", 2)
			// The other two logs hold more lines, and hand out even their
			// first only once the application's log has been read to the end
			// and closed: its reader is then done while theirs still have
			// every line to send, on every run. They share a probe whose gate
			// opens once both are inside Next at the same time (or after
			// harness.ProbeWait).
			probe := harness.NewProbe(2)
			access = newLog("access.log", 3)
			access.after, access.probe = app.closed, probe
			audit = newLog("audit.log", 3)
			audit.after, audit.probe = app.closed, probe
		})

		It("ships every line of every log, each log's lines in order", func() {
			got := ship(app, access, audit)

			var want []string
			for _, l := range []*fakeLog{app, access, audit} {
				want = append(want, l.lines...)
				Expect(l.shipped(got)).To(Equal(l.lines), "the lines of %s, in the order they reached the index", l.name)
			}
			Expect(got).To(ConsistOf(want), "every line should reach the index exactly once")
		})

		It("closes each log once, by the time the channel is closed", func() {
			ship(app, access, audit)

			for _, l := range []*fakeLog{app, access, audit} {
				Expect(l.Closes()).To(Equal(1), "calls to Close on %s", l.name)
			}
		})

		It("reads the other logs at the same time", func() {
			got := ship(app, access, audit)

			Expect(access.probe.Max()).To(BeNumerically(">=", 2), "access.log and audit.log were read one after the other")
			Expect(got).To(HaveLen(8))
		})
	})

	Context("when closing a log takes a while", func() {
		It("closes every log before it closes the channel", func() {
			// Each Close waits until the spec has looked (or ProbeWait has
			// passed): code that closes the channel only after every Close
			// has returned keeps the indexer waiting meanwhile; code that
			// closes it sooner lets the indexer see a log not yet closed.
			looked := make(chan struct{})
			DeferCleanup(func() { close(looked) })
			app, access = newLog("app.log", 2), newLog("access.log", 3)
			app.slowClose, access.slowClose = looked, looked

			Expect(ship(app, access)).To(HaveLen(5))
			for _, l := range []*fakeLog{app, access} {
				Expect(l.Closes()).To(Equal(1), "calls to Close on %s that had returned when the channel was closed", l.name)
			}
		})
	})

	Context("when there are no logs to ship", func() {
		It("closes the channel, with nothing in it", func() {
			Expect(ship()).To(BeEmpty())
		})
	})

	Context("while every log waits for its next line", func() {
		It("waits without spinning", func() {
			// Nothing can happen until the logs have lines: the readers and
			// whoever closes the channel should be parked, not polling.
			ready := make(chan struct{})
			release := sync.OnceFunc(func() { close(ready) })
			DeferCleanup(release) // also when the check fails: let everyone finish
			app, access = newLog("app.log", 1), newLog("access.log", 1)
			app.after, access.after = ready, ready
			in := []logship.Log{app, access}

			shipped := make(chan []string, 1)
			go func() {
				var got []string
				for line := range logship.Ship(in) {
					got = append(got, line)
				}
				shipped <- got
			}()

			harness.ExpectNoBusyWait()
			release()
			harness.MustFinish(func() { Expect(<-shipped).To(HaveLen(2)) })
		})
	})
})
