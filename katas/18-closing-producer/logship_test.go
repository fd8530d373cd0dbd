package logship_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	logship "github.com/racekatas/racekatas/katas/18-closing-producer"
)

// The spec that repeats ships readers logs a round, and runs up to repeats
// batches of batch rounds each (within harness.RepeatBound).
const readers, repeats, batch = 8, 200, 20

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

// A rendezvous holds its callers until n of them are waiting, then lets them
// all go at the same moment. If they do not all come (logs read one at a
// time), it lets every caller through once harness.ProbeWait has passed
// since the first, and Met reports false. Once released, a caller returns
// without taking any lock, so nothing orders what the callers do next.
type rendezvous struct {
	n    int
	open chan struct{} // closed when the callers may go

	mu      sync.Mutex // protects the fields below
	waiting int        // callers held so far
	met     bool       // all n came before the wait ran out
	opened  bool
	timer   *time.Timer // lets everyone through after ProbeWait
}

func newRendezvous(n int) *rendezvous {
	return &rendezvous{n: n, open: make(chan struct{})}
}

func (r *rendezvous) wait() {
	r.mu.Lock()
	r.waiting++
	if r.waiting == r.n {
		r.met = !r.opened
		r.openLocked()
	} else if r.timer == nil {
		r.timer = time.AfterFunc(harness.ProbeWait, func() {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.openLocked()
		})
	}
	r.mu.Unlock()
	<-r.open
}

// openLocked lets every caller through; r.mu must be held.
func (r *rendezvous) openLocked() {
	if r.opened {
		return
	}
	r.opened = true
	close(r.open)
	if r.timer != nil {
		r.timer.Stop()
	}
}

// Met reports whether all n callers were held at once.
func (r *rendezvous) Met() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.met
}

// A shortLog holds one line, and its Close returns only once every log of
// its round is being closed.
type shortLog struct {
	line   string
	read   bool // read and written by the log's one reader only
	closes *rendezvous
}

func (l *shortLog) Next() (string, bool) {
	if l.read {
		return "", false
	}
	l.read = true
	return l.line, true
}

func (l *shortLog) Close() { l.closes.wait() }

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

	Context("when every log runs out at the same moment, round after round", func() {
		It("closes the channel once, after the last line, every round", func() {
			// In each round the logs hold a line each, and their Close calls
			// all return together, so that every reader finishes at once.
			// Code that counts the readers out in two steps (an atomic Load,
			// then a Store; a decrement under a lock, then a test for zero
			// under a second hold of it) goes wrong only when another reader
			// comes between the two steps: a reader lost from the count
			// leaves the channel open for ever (DEADLOCK), two readers that
			// both see zero close it twice (PANIC). No fake can hold a reader
			// there; many rounds make it come. The rounds go in batches, each
			// batch under the watchdog, whose bookkeeping costs more than a
			// round.
			var want []string // the lines of every round, in order; read-only
			for i := range readers {
				want = append(want, fmt.Sprintf("log-%d: line 1", i))
			}
			// A round whose readers did not all meet (logs read one at a
			// time, or a machine that stalled for harness.ProbeWait) ends
			// the rounds: the spec on reading the logs at the same time
			// judges reading them one at a time.
			var apart atomic.Bool
			harness.Repeat(repeats, func(int) {
				for range batch {
					if apart.Load() {
						return
					}
					closes := newRendezvous(readers)
					in := make([]logship.Log, readers)
					for i := range in {
						in[i] = &shortLog{line: want[i], closes: closes}
					}
					var got []string
					for line := range logship.Ship(in) {
						got = append(got, line)
					}
					slices.Sort(got)
					Expect(got).To(Equal(want), "every line should reach the index exactly once")
					if !closes.Met() {
						apart.Store(true)
					}
				}
			})
		})
	})

	Context("when there are no logs to ship", func() {
		It("closes the channel, with nothing in it", func() {
			Expect(ship()).To(BeEmpty())
		})
	})

	Context("while every log waits for its next line", func() {
		It("waits without spinning, however long they take", func() {
			// Nothing can happen until the logs have lines: the readers and
			// whoever closes the channel should be parked, not polling.
			ready := make(chan struct{})
			release := sync.OnceFunc(func() { close(ready) })
			closedEarly := false // written and read on the spec's goroutine only
			DeferCleanup(func() {
				// Also when a check fails, let everyone finish; but not
				// after the channel was closed under the readers' feet:
				// their sends would panic and bury the report.
				if !closedEarly {
					release()
				}
			})
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

			// The logs stay idle until the channel is closed or the
			// watchdog's bound has passed, whichever comes first: as long as
			// any call may take in these specs. A Ship that closes the
			// channel after a shorter time limit, done or not, closes it
			// while both logs still have a line to send.
			idle := time.NewTimer(harness.DeadlockBound)
			defer idle.Stop()
			select {
			case <-shipped:
				closedEarly = true
				Fail("the channel was closed while every log still had a line to send: the indexer stopped before the end of the logs")
			case <-idle.C:
			}
			release()
			harness.MustFinish(func() { Expect(<-shipped).To(HaveLen(2)) })
		})
	})

	// Last: a Ship that polls stops the fake clock, and goes on polling
	// after the watchdog has reported it.
	Context("when a log waits for its next line longer than any time limit Ship could set", func() {
		It("keeps the channel open until that log has run out", func() {
			// On a fake clock a day passes the moment every goroutine
			// waits: a Ship that closes the channel after a time limit,
			// however long, has closed it by then, while a log was still
			// being read.
			closedEarly := false
			harness.MustFinish(func() {
				harness.WithFakeTime(func() {
					quiet := &quietLog{runOut: make(chan struct{})}
					done := make(chan struct{})
					go func() {
						defer close(done)
						for range logship.Ship([]logship.Log{quiet}) {
						}
					}()
					time.Sleep(24 * time.Hour) // fake: passes as soon as all wait
					select {
					case <-done:
						closedEarly = true
					default:
					}
					close(quiet.runOut) // it has no line to send: nothing can panic
					<-done
				})
			})
			Expect(closedEarly).To(BeFalse(),
				"the channel was closed while a log was still waiting for its next line: the indexer would stop before the end of that log (a time limit?)")
		})
	})

	// Also last, for the same reason: on a fake clock.
	Context("when the indexer stalls longer than any time limit Ship could set", func() {
		It("keeps every line until the indexer takes it", func() {
			// The log is quiet for a day, then the indexer takes its first
			// line and is down for a day (on a fake clock, a day passes as
			// soon as every goroutine waits). A reader that gives up on a
			// send after a time limit, however long, has dropped the lines
			// it held by then: they never reach the index. The quiet day
			// comes first so that a Ship that closes the channel on a timer
			// is seen before any reader waits to send: it is told so, and
			// no send meets the closed channel.
			want := []string{"app.log: line 1", "app.log: line 2", "app.log: line 3"}
			var got []string
			closedEarly := false
			harness.MustFinish(func() {
				harness.WithFakeTime(func() {
					// Made inside the fake clock's bubble: a wait on a
					// channel made outside it would stop the clock.
					log := &stallingLog{lines: want, start: make(chan struct{})}
					lines := logship.Ship([]logship.Log{log})
					time.Sleep(24 * time.Hour) // fake: the log is quiet for a day
					select {
					case _, open := <-lines: // no line can have come yet
						closedEarly = !open
					default:
					}
					if closedEarly {
						log.runOut = true // read by the reader after the close below
						close(log.start)
						return
					}
					close(log.start)
					if line, ok := <-lines; ok {
						got = append(got, line)
					}
					time.Sleep(24 * time.Hour) // fake: the indexer is down for a day
					for line := range lines {
						got = append(got, line)
					}
				})
			})
			Expect(closedEarly).To(BeFalse(),
				"the channel was closed while a log was still waiting for its next line: the indexer would stop before the end of that log (a time limit?)")
			Expect(got).To(Equal(want),
				"lines were missing from the index after it had stalled: a reader must wait for the indexer to take each line, however long that takes, not drop it after a time limit")
		})
	})
})

// A quietLog has no line yet: Next waits until runOut is closed, then
// reports the log finished.
type quietLog struct{ runOut chan struct{} }

func (l *quietLog) Next() (string, bool) {
	<-l.runOut
	return "", false
}

func (l *quietLog) Close() {}

// A stallingLog hands out its lines once start is closed; if runOut is set
// by then, it reports the log finished instead.
type stallingLog struct {
	lines  []string // read-only
	start  chan struct{}
	runOut bool // written before start is closed
	read   int  // read and written by the log's one reader only
}

func (l *stallingLog) Next() (string, bool) {
	<-l.start
	if l.runOut || l.read == len(l.lines) {
		return "", false
	}
	l.read++
	return l.lines[l.read-1], true
}

func (l *stallingLog) Close() {}
