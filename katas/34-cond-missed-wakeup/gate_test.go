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

// holdFirstWait wraps a gate's sync.Cond and holds the first passenger who
// calls Wait at the door of Wait: the passenger has looked, found boarding
// closed, and still holds whatever Board held when it looked. held is closed
// when the passenger gets there; closing release lets them into Wait.
type holdFirstWait struct {
	boarding.Waker
	once          sync.Once
	held, release chan struct{}
}

func (h *holdFirstWait) Wait() {
	first := false
	h.once.Do(func() { first = true })
	if first {
		close(h.held)
		<-h.release
	}
	h.Waker.Wait()
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
			DeferCleanup(boarding.WrapCalls(func(w boarding.Waker) boarding.Waker {
				hold = &holdFirstWait{Waker: w, held: make(chan struct{}), release: make(chan struct{})}
				return hold
			}))
			g := boarding.NewGate()
			if hold == nil {
				// This gate made no Cond through the seam: nothing to hold.
				hold = &holdFirstWait{held: make(chan struct{}), release: make(chan struct{})}
			}
			openAsAdaIsAboutToWait(g, hold)
			Expect(g.Boarded()).To(Equal([]string{"Ada"}))
			Expect(g.Waiting()).To(BeZero())
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
			seen := make([]int, 2)
			harness.MustFinish(func() {
				harness.Stress(len(crowd)+2, func(i int) {
					if i < len(crowd) {
						g.Board(crowd[i])
						return
					}
					for range 50 {
						seen[i-len(crowd)] = max(seen[i-len(crowd)], len(g.Boarded()))
					}
				})
			})
			for _, n := range seen {
				Expect(n).To(BeNumerically("<=", len(crowd)), "a read listed more passengers than boarded")
			}
			Expect(g.Boarded()).To(ConsistOf(crowd))
			Expect(g.Waiting()).To(BeZero())
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
