package boarding_test

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	boarding "github.com/racekatas/racekatas/katas/34-cond-missed-wakeup"
)

// boardAtOnce sends each named passenger to gate g on a goroutine of its own,
// waits until every one of them is waiting there, opens boarding and waits
// until they have all boarded, under the deadlock watchdog.
//
// Board counts a passenger as waiting and starts to Wait under one hold of
// the gate's lock, and Waiting takes that lock: once Waiting reports them
// all, every passenger is inside Wait, so Open comes after each one started
// waiting, on every run.
//
// The gate is an argument, not a spec variable: a body stuck in a deadlock
// keeps running after its spec and must not read what the next spec's setup
// writes.
func boardAtOnce(g *boarding.Gate, names []string) {
	GinkgoHelper()
	var wg sync.WaitGroup
	// First everyone reaches the gate; the bound leaves room for the look
	// for busy waiting.
	harness.MustFinishWithin(watchBound, func() {
		for _, name := range names {
			wg.Add(1)
			go func() {
				defer wg.Done()
				g.Board(name)
			}()
		}
		// If a check below fails, open boarding all the same: passengers
		// left spinning at a closed gate would slow every later spec.
		checked := false
		defer func() {
			if !checked {
				g.Open()
			}
		}()
		Eventually(g.Waiting).WithTimeout(time.Second).WithPolling(time.Millisecond).
			Should(Equal(len(names)), "not every passenger reached the gate")
		// Boarding is closed: a passenger at the gate has nothing to do
		// but wait, and must not use a core while doing it.
		harness.ExpectNoBusyWait()
		checked = true
	})
	// Then boarding opens, under the plain deadlock bound.
	harness.MustFinish(func() {
		g.Open()
		wg.Wait()
	})
}

// watchBound bounds a spec that also watches for busy waiting: the deadlock
// bound, plus room for the look itself and for the bounded waits before it.
const watchBound = harness.DeadlockBound + time.Second

// A door holds the first goroutine that comes through it: held is closed
// when that goroutine gets there, and closing release lets it through.
// Later goroutines pass at once.
type door struct {
	once          sync.Once
	held, release chan struct{}
}

func newDoor() *door {
	return &door{held: make(chan struct{}), release: make(chan struct{})}
}

func (d *door) pass() {
	first := false
	d.once.Do(func() { first = true })
	if first {
		close(d.held)
		<-d.release
	}
}

// holdFirstWait wraps a gate's sync.Cond and holds the first passenger who
// calls Wait at the door of Wait: the passenger has looked, found boarding
// closed, and still holds whatever Board held when it looked.
type holdFirstWait struct {
	boarding.Waker
	*door
}

func (h *holdFirstWait) Wait() {
	h.pass()
	h.Waker.Wait()
}

// holdFirstCall wraps a gate's sync.Cond and holds the agent at the door of
// the first boarding call, Broadcast or Signal: the agent is inside Open,
// and still holds whatever Open holds there.
type holdFirstCall struct {
	boarding.Waker
	*door
}

func (h *holdFirstCall) Broadcast() {
	h.pass()
	h.Waker.Broadcast()
}

func (h *holdFirstCall) Signal() {
	h.pass()
	h.Waker.Signal()
}

// parkedStates are the states, as a goroutine dump names them, of a
// goroutine that waits without using a core.
var parkedStates = []string{"chan receive", "chan send", "select", "sync.Cond.Wait", "sync.Mutex.Lock", "sync.RWMutex", "semacquire"}

// startOnItsOwn runs f on a goroutine of its own and returns that goroutine's
// id and a channel closed once f has returned.
func startOnItsOwn(f func()) (id int, done <-chan struct{}) {
	finished := make(chan struct{})
	ids := make(chan int, 1)
	go func() {
		defer close(finished)
		ids <- harness.GoroutineID()
		f()
	}()
	return <-ids, finished
}

// settle returns once goroutine id has ended or is parked, or after half a
// second: a goroutine that spins never parks, and is left for
// harness.ExpectNoBusyWait to catch. It only looks: it orders nothing.
func settle(id int) {
	for deadline := time.Now().Add(500 * time.Millisecond); time.Now().Before(deadline); runtime.Gosched() {
		state := harness.GoroutineState(id)
		if state == "" || slices.ContainsFunc(parkedStates, func(s string) bool { return strings.HasPrefix(state, s) }) {
			return
		}
	}
}

// openAsAdaIsAboutToWait has Ada reach a closed gate, and opens boarding at
// the worst moment for her: she has found boarding closed and is about to
// Wait (the wrapper holds her there), and the agent calls Open. Open runs
// until it returns or waits for something; only then does Ada go into Wait.
// If Ada waits some other way (not through the Cond's Wait), the hold never
// happens and boarding simply opens while she waits.
func openAsAdaIsAboutToWait(g *boarding.Gate, hold *holdFirstWait) {
	GinkgoHelper()
	var boarded <-chan struct{}
	// First Ada reaches the gate; the bound leaves room for the bounded
	// wait and the look for busy waiting.
	harness.MustFinishWithin(watchBound, func() {
		var ada int
		ada, boarded = startOnItsOwn(func() { g.Board("Ada") })
		// If a check below fails, open boarding all the same: Ada left
		// spinning at a closed gate would slow every later spec.
		checked := false
		defer func() {
			if !checked {
				close(hold.release)
				g.Open()
			}
		}()
		settle(ada)
		// Boarding is closed: Ada must wait without using a core.
		harness.ExpectNoBusyWait()
		checked = true
	})
	// Then the agent calls boarding, under the plain deadlock bound.
	harness.MustFinish(func() {
		agent, called := startOnItsOwn(g.Open)
		settle(agent)
		close(hold.release)
		<-called
		<-boarded
	})
}

// putFirstInLine makes goroutine id, which is on its way into l.Lock while
// a goroutine held at a door holds l, the one that the holder's next Unlock
// hands l to: ahead of every goroutine that asks for l later, the holder
// itself included.
//
// A sync.Mutex normally goes to whoever asks first after an Unlock: to the
// unlocker itself, if it asks again at once, before the waiter it woke has
// even run. So the gap between two critical sections, an Unlock followed by
// a Lock, is almost never entered, and no gate can hold a goroutine inside
// it. But a waiter that has waited more than a millisecond, is woken, and
// finds the lock taken again, puts the mutex in starvation mode ("Mutex
// fairness" in sync/mutex.go): from then on Unlock hands the lock straight
// to the first waiter in line, and whoever asks later queues behind it. So
// once id waits in l.Lock, the spec lets it wait two milliseconds (a sleep
// that forces the runtime's mode, not one that orders anything), unlocks l
// on the holder's behalf and takes it back at once with TryLock, before id,
// woken, can run: id finds l taken and goes back to the head of the line,
// the mutex now in starvation mode.
//
// It reports whether it did so. It does nothing if l has no TryLock, if
// nobody holds l, or if id never waits in l.Lock. If id took l in the
// instant it was free, the spec waits for l, holds it for the holder again
// and reports false: that run proves nothing.
func putFirstInLine(l sync.Locker, id int) bool {
	m, ok := l.(interface{ TryLock() bool })
	if !ok {
		return false
	}
	waitsForLock := func() bool {
		settle(id)
		return strings.HasPrefix(harness.GoroutineState(id), "sync.Mutex.Lock")
	}
	if !waitsForLock() {
		return false
	}
	if m.TryLock() {
		// Nobody held l: id waits for some other lock.
		l.Unlock()
		return false
	}
	time.Sleep(2 * time.Millisecond)
	// With a single P, id, woken by Unlock, cannot run before TryLock
	// unless the runtime preempts this goroutine in between.
	procs := runtime.GOMAXPROCS(1)
	l.Unlock()
	took := m.TryLock()
	runtime.GOMAXPROCS(procs)
	if !took {
		l.Lock()
		return false
	}
	// If id took l and let go of it again before TryLock, it is not
	// waiting in l.Lock any more.
	return waitsForLock()
}

// attempts is how many times a spec that puts a passenger first in line
// tries to, each time with a new gate: a try fails only if the passenger
// takes the lock in the instant between the spec's Unlock and TryLock, or if
// the gate has no such moment (then every try is as quick as it is useless).
const attempts = 3

// openAsAdaArrives has the agent call Open, holds the agent at the door of
// the first boarding call, and sends Ada to the gate then. If Open holds the
// gate's lock at its call, Ada waits for that lock in Board, and
// putFirstInLine makes her the one it goes to when Open next lets go of it:
// if Open lets go of the lock and takes it back before boarding is open,
// Ada is in between, on every run. It reports whether Ada was put first in
// line.
func openAsAdaArrives(g *boarding.Gate, hold *holdFirstCall, lock sync.Locker) (inLine bool) {
	GinkgoHelper()
	harness.MustFinish(func() {
		_, called := startOnItsOwn(g.Open)
		select {
		case <-hold.held:
		case <-called:
			// Open made no boarding call through the seam: nothing to hold.
		}
		ada, boarded := startOnItsOwn(func() { g.Board("Ada") })
		inLine = putFirstInLine(lock, ada)
		close(hold.release)
		<-called
		<-boarded
	})
	return inLine
}

// openAsBarbaraLooks has Ada reach a closed gate and holds her at the door
// of Wait, still holding the gate's lock. Then Barbara reaches the gate and
// waits for that lock, put first in line, and the agent calls Open and waits
// for it behind her. Ada goes into Wait and lets go of the lock: it goes to
// Barbara, who finds boarding closed, and the next time Barbara lets go of
// it, it goes to the agent, who opens boarding. If Barbara looks at the gate
// under one hold of the lock and waits under another, Open runs in between,
// on every run. It reports whether Barbara was put first in line.
func openAsBarbaraLooks(g *boarding.Gate, hold *holdFirstWait, lock sync.Locker) (inLine bool) {
	GinkgoHelper()
	harness.MustFinish(func() {
		ada, adaBoarded := startOnItsOwn(func() { g.Board("Ada") })
		settle(ada)
		barbara, barbaraBoarded := startOnItsOwn(func() { g.Board("Barbara") })
		select {
		case <-hold.held:
			inLine = putFirstInLine(lock, barbara)
		default:
			// Ada waits some other way: nothing to hold.
		}
		agent, called := startOnItsOwn(g.Open)
		settle(agent)
		close(hold.release)
		<-called
		<-adaBoarded
		<-barbaraBoarded
	})
	return inLine
}

// openAsAdaCutsIn holds the gate's lock itself (the Cond's L, which lock
// is), has the agent call Open and wait for that lock, put first in line,
// and then sends Ada to the gate, to wait for the lock behind the agent.
// Then it lets go of the lock: the agent gets it first, and the next time
// the agent lets go of it, it goes to Ada, ahead of the agent. If Open lets
// go of the lock and takes it back before boarding is open (to look at the
// gate, say, and then to open it), Ada is in between, on every run, finds
// boarding closed and waits. With a nil lock (the gate made no Cond through
// the seam) boarding simply opens and Ada arrives. It reports whether the
// agent was put first in line.
func openAsAdaCutsIn(g *boarding.Gate, lock sync.Locker) (inLine bool) {
	GinkgoHelper()
	harness.MustFinish(func() {
		if lock == nil {
			g.Open()
			g.Board("Ada")
			return
		}
		lock.Lock()
		locked := true
		defer func() {
			if locked {
				lock.Unlock()
			}
		}()
		agent, called := startOnItsOwn(g.Open)
		inLine = putFirstInLine(lock, agent)
		ada, boarded := startOnItsOwn(func() { g.Board("Ada") })
		settle(ada)
		locked = false
		lock.Unlock()
		<-called
		<-boarded
	})
	return inLine
}

var _ = Describe("Gate", func() {
	var gate *boarding.Gate

	BeforeEach(func() {
		gate = boarding.NewGate()
	})

	Context("when boarding opens before the passenger reaches the gate", func() {
		It("boards the passenger at once", func() {
			g := gate
			harness.MustFinish(g.Open)
			harness.MustFinish(func() { g.Board("Ada") })
			Expect(g.Boarded()).To(Equal([]string{"Ada"}))
			Expect(g.Waiting()).To(BeZero(), "a passenger who boarded is still counted at the gate")
		})
	})

	Context("when one passenger is waiting as boarding opens", func() {
		It("boards that passenger", func() {
			boardAtOnce(gate, []string{"Ada"})
			Expect(gate.Boarded()).To(Equal([]string{"Ada"}))
			Expect(gate.Waiting()).To(BeZero())
		})
	})

	Context("when a crowd is waiting as boarding opens", func() {
		It("boards every passenger in the crowd", func() {
			crowd := []string{"Ada", "Barbara", "Edsger", "Grace"}
			boardAtOnce(gate, crowd)
			Expect(gate.Boarded()).To(ConsistOf(crowd))
			Expect(gate.Waiting()).To(BeZero())
		})
	})
	Context("when boarding opens just as a passenger is about to wait", func() {
		It("boards the passenger", func() {
			var hold *holdFirstWait
			DeferCleanup(boarding.WrapCalls(func(w boarding.Waker, _ sync.Locker) boarding.Waker {
				hold = &holdFirstWait{Waker: w, door: newDoor()}
				return hold
			}))
			g := boarding.NewGate()
			if hold == nil {
				// This gate made no Cond through the seam: nothing to hold.
				hold = &holdFirstWait{door: newDoor()}
			}
			openAsAdaIsAboutToWait(g, hold)
			Expect(g.Boarded()).To(Equal([]string{"Ada"}))
			Expect(g.Waiting()).To(BeZero())
		})
	})

	Context("when a passenger reaches the gate while the agent calls boarding", func() {
		It("boards the passenger", func() {
			var (
				hold *holdFirstCall
				lock sync.Locker
			)
			DeferCleanup(boarding.WrapCalls(func(w boarding.Waker, l sync.Locker) boarding.Waker {
				hold, lock = &holdFirstCall{Waker: w, door: newDoor()}, l
				return hold
			}))
			for range attempts {
				hold, lock = nil, nil
				g := boarding.NewGate()
				if hold == nil {
					// This gate made no Cond through the seam: nothing to hold.
					hold = &holdFirstCall{door: newDoor()}
				}
				inLine := openAsAdaArrives(g, hold, lock)
				Expect(g.Boarded()).To(Equal([]string{"Ada"}))
				Expect(g.Waiting()).To(BeZero())
				if inLine {
					return
				}
			}
		})
	})

	Context("when a passenger reaches the gate while the agent is part way through Open", func() {
		It("boards the passenger", func() {
			var lock sync.Locker
			DeferCleanup(boarding.WrapCalls(func(w boarding.Waker, l sync.Locker) boarding.Waker {
				lock = l
				return w
			}))
			for range attempts {
				lock = nil
				g := boarding.NewGate()
				inLine := openAsAdaCutsIn(g, lock)
				Expect(g.Boarded()).To(Equal([]string{"Ada"}))
				Expect(g.Waiting()).To(BeZero())
				if inLine {
					return
				}
			}
		})
	})

	Context("when boarding opens just after a passenger found it closed", func() {
		It("boards that passenger, and the one waiting before her", func() {
			var (
				hold *holdFirstWait
				lock sync.Locker
			)
			DeferCleanup(boarding.WrapCalls(func(w boarding.Waker, l sync.Locker) boarding.Waker {
				hold, lock = &holdFirstWait{Waker: w, door: newDoor()}, l
				return hold
			}))
			for range attempts {
				hold, lock = nil, nil
				g := boarding.NewGate()
				if hold == nil {
					// This gate made no Cond through the seam: nothing to hold.
					hold = &holdFirstWait{door: newDoor()}
				}
				inLine := openAsBarbaraLooks(g, hold, lock)
				Expect(g.Boarded()).To(ConsistOf("Ada", "Barbara"))
				Expect(g.Waiting()).To(BeZero())
				if inLine {
					return
				}
			}
		})
	})

	Context("when passengers arrive while the agent calls boarding, twice", func() {
		It("boards every passenger, and a late one too", func() {
			g := gate
			crowd := []string{"Ada", "Barbara", "Edsger", "Grace"}
			harness.MustFinish(func() {
				harness.Stress(len(crowd)+2, func(i int) {
					if i < len(crowd) {
						g.Board(crowd[i])
						return
					}
					g.Open()
				})
				g.Board("Late")
			})
			Expect(g.Boarded()).To(ConsistOf(append(crowd, "Late")))
			Expect(g.Waiting()).To(BeZero())
		})
	})

	Context("when the list of boarded passengers is read while passengers board", func() {
		It("answers every read, and boards everyone", func() {
			g := gate
			crowd := []string{"Ada", "Barbara", "Edsger", "Grace"}
			harness.MustFinish(g.Open)
			// The readers are released with the boarders and look at the
			// list over and over: a read that does not take the gate's
			// lock is unordered with the boarders' appends, which the race
			// detector reports whichever comes first.
			// They may all be done before a boarder starts, or after the
			// last: so one more reader looks once before anyone boards and
			// is then held. The spec only watches it park, which orders
			// nothing: a look without the lock is unordered with the first
			// append, on every run.
			seen := make([]int, 2)
			harness.MustFinish(func() {
				held := make(chan struct{})
				early, looked := startOnItsOwn(func() {
					_ = g.Boarded()
					<-held
				})
				settle(early)
				harness.Stress(len(crowd)+2, func(i int) {
					if i < len(crowd) {
						g.Board(crowd[i])
						return
					}
					for range 50 {
						seen[i-len(crowd)] = max(seen[i-len(crowd)], len(g.Boarded()))
					}
				})
				close(held)
				<-looked
			})
			for _, n := range seen {
				Expect(n).To(BeNumerically("<=", len(crowd)), "a read listed more passengers than boarded")
			}
			Expect(g.Boarded()).To(ConsistOf(crowd))
			Expect(g.Waiting()).To(BeZero())
		})
	})

	Context("when a reader rearranges the list of boarded passengers it was given", func() {
		It("still lists them in boarding order to the next reader", func() {
			g := gate
			var list []string
			harness.MustFinish(func() {
				g.Open()
				g.Board("Grace")
				g.Board("Ada")
				list = g.Boarded()
			})
			// The list is the reader's own: sorting it, or appending to
			// it, is the reader's business, not the gate's.
			slices.Sort(list)
			Expect(g.Boarded()).To(Equal([]string{"Grace", "Ada"}),
				"the gate's boarding order changed when a reader sorted the list Boarded gave it: Boarded handed out the gate's own slice, not a copy")
		})
	})

	Context("when boarding opens, twice, with nobody at the gate", func() {
		It("boards nobody, and keeps the gate open", func() {
			g := gate
			harness.MustFinish(func() {
				g.Open()
				g.Open()
			})
			Expect(g.Boarded()).To(BeEmpty())
			Expect(g.Waiting()).To(BeZero())
		})
	})
})
