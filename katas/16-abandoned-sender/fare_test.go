package fare_test

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing/synctest"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	fare "github.com/racekatas/racekatas/katas/16-abandoned-sender"
)

var errNoSuchFlight = errors.New("no such flight")

// An airline stands in for one airline's fare API. Every spec builds its
// own, so a goroutine that one spec leaves behind touches nothing the next
// spec sets up.
type airline struct {
	fares map[string]int // the fare of each flight it knows, in cents; read-only

	// late, if not nil, holds every answer back until quote closes it, once
	// Quote has given up: the airline then answers after the timeout. lateBy
	// carries the id of the goroutine that is held.
	late   chan struct{}
	lateBy chan int

	mu    sync.Mutex // protects asked
	asked []string   // the flights it was asked about
}

func newAirline() *airline {
	return &airline{fares: map[string]int{"LH 1234": 18900, "AF 5678": 9450}}
}

// Fare is the airline's API.
func (a *airline) Fare(flight string) (int, error) {
	a.mu.Lock()
	a.asked = append(a.asked, flight)
	a.mu.Unlock()
	if a.late != nil {
		a.lateBy <- harness.GoroutineID()
		<-a.late
	}
	cents, ok := a.fares[flight]
	if !ok {
		return 0, errNoSuchFlight
	}
	return cents, nil
}

func (a *airline) Asked() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.asked...)
}

// quote calls Quote under the deadlock watchdog.
//
// A late airline answers as soon as Quote has given up: a helper watches the
// goroutine that runs Quote and lets the airline go once Quote has returned.
// Watching orders nothing, so nothing in Quote's code is ordered before the
// late answer: a channel that Quote closed on its way out meets that send as
// a data race or a panic; an unbuffered send with no one left to receive is a
// leak; a buffered slot takes the answer.
//
// The goroutine that ran Quote stays alive until the late answer has been
// sent (or half of harness.ProbeWait has passed): the race detector may take a
// goroutine that starts after another has ended for its continuation, and
// would then see Quote's last steps as ordered before the late send.
func (a *airline) quote(flight string) (cents int, err error) {
	GinkgoHelper()
	if a.late == nil {
		harness.MustFinish(func() { cents, err = fare.Quote(flight, a.Fare) })
		return cents, err
	}
	quoter := make(chan int, 1)
	helped := make(chan struct{})
	go func() {
		defer GinkgoRecover()
		defer close(helped)
		id := <-quoter
		// Quote has returned once its goroutine waits for helped.
		until(func() bool { return harness.GoroutineState(id) == "chan receive" }, harness.DeadlockBound)
		close(a.late)
		select {
		case held := <-a.lateBy:
			until(func() bool { return harness.GoroutineState(held) == "" }, harness.ProbeWait/2)
		case <-time.After(harness.ProbeWait / 2): // the airline was never asked
		}
	}()
	// Quote, the wait for it to give up, and the late answer: the watchdog
	// allows twice its usual bound for the three.
	harness.MustFinishWithin(2*harness.DeadlockBound, func() {
		quoter <- harness.GoroutineID()
		cents, err = fare.Quote(flight, a.Fare)
		<-helped
	})
	return cents, err
}

// until returns once done reports true, or after bound.
func until(done func() bool, bound time.Duration) {
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	deadline := time.After(bound)
	for !done() {
		select {
		case <-tick.C:
		case <-deadline:
			return
		}
	}
}

// failIfStuck fails the spec with "LEAK:" if goroutine id, which asked a
// late airline and has been let answer, is still there once every goroutine
// of the fake clock's bubble has ended or waits: it can never finish.
func failIfStuck(id int, when, why string) {
	GinkgoHelper()
	if state := harness.GoroutineState(id); state != "" {
		Fail("LEAK: the airline answered " + when + ", and the goroutine that asked it could not finish (it is parked in " +
			strings.TrimSuffix(state, " (durable)") + "): " + why)
	}
}

// pages is the most quotes the busy spec asks for, one after another; its
// time budget ends it much sooner.
const pages = 100000

// simultaneous is how many quotes the spec whose airline answers just as
// Quote gives up asks for at once.
const simultaneous = 256

// Every spec ends with the leak check: it fails the spec with "LEAK:" if a
// goroutine that Quote started is still running half a second later.
var _ = Describe("Quote", func() {
	var air *airline

	BeforeEach(func() {
		air = newAirline()
	})

	Context("when the airline answers in time", func() {
		It("returns the airline's fare for that flight", func() {
			cents, err := air.quote("LH 1234")
			Expect(err).NotTo(HaveOccurred())
			Expect(cents).To(Equal(18900))
			Expect(air.Asked()).To(Equal([]string{"LH 1234"}))
		})

		It("returns the airline's error, if it has no fare", func() {
			_, err := air.quote("ZZ 0000")
			Expect(err).To(MatchError(errNoSuchFlight))
		})
	})

	Context("when the airline answers at once, page after page", func() {
		It("returns every fare", func() {
			// An instant answer may come while Quote is still on its way to
			// its wait: the answer must wait for Quote there, not be dropped.
			// One quote at a time leaves the other processors idle, so the
			// airline's goroutine often starts on one of them at once. No
			// hook sits between Quote's start and its wait, so this is
			// volume, not a forced window: with more Ps than cores the OS
			// also suspends Quote's thread on its way to the wait while
			// another thread runs the airline's goroutine. (With as many Ps
			// as free cores, and only one free core, that never happened:
			// the airline's goroutine only ran once Quote was waiting.)
			//
			// Whether that instant comes depends on the scheduler: the spec
			// asks for up to pages quotes, for one and a half times the
			// watchdog's usual bound (and the watchdog waits twice that).
			// A timeout counts only when it cannot be the machine's fault:
			// the airline answered early, and Quote gave up on time. On a
			// machine too busy to run Quote's goroutines for a tenth of a
			// second, a correct Quote can time out too.
			DeferCleanup(runtime.GOMAXPROCS, runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0))))
			var answeredAt atomic.Int64 // when the airline answered, in ns since the epoch
			instant := func(string) (int, error) {
				answeredAt.Store(time.Now().UnixNano())
				return 18900, nil
			}
			const tolerated = 3 // early answers timed out, the last of which fails the spec
			early := 0
			harness.MustFinishWithin(3*harness.DeadlockBound, func() {
				deadline := time.Now().Add(3 * harness.DeadlockBound / 2)
				for i := 0; i < pages && time.Now().Before(deadline); i++ {
					answeredAt.Store(0)
					start := time.Now()
					cents, err := fare.Quote(fmt.Sprintf("LH %d", i), instant)
					if errors.Is(err, fare.ErrTimeout) {
						answered := time.Unix(0, answeredAt.Load()).Sub(start)
						if answeredAt.Load() == 0 || answered > fare.Patience/2 || time.Since(start) > fare.Patience*6/5 {
							continue // too busy a machine to tell
						}
						// The airline answered early and Quote still gave
						// up. A machine that stalls the airline's goroutine
						// between its answer and its send for a tenth of a
						// second can do that to a correct Quote, once in a
						// while; a dropped answer does it again and again.
						if early++; early < tolerated {
							continue
						}
					}
					Expect(err).NotTo(HaveOccurred(), "the fare of page %d, which the airline gave at once (%d such answers lost)", i+1, early)
					Expect(cents).To(Equal(18900), "page %d", i+1)
				}
			})
		})
	})

	Context("when the airline answers only after Quote has given up", func() {
		BeforeEach(func() {
			air.late, air.lateBy = make(chan struct{}), make(chan int, 1)
		})

		It("returns ErrTimeout, and lets the late answer's goroutine finish", func() {
			_, err := air.quote("AF 5678")
			Expect(err).To(MatchError(fare.ErrTimeout))
		})
	})

	Context("when the airline answers a day after Quote has given up", func() {
		It("returns ErrTimeout, and lets the late answer's goroutine finish, however late it comes", func() {
			// On a fake clock the day passes at once, as soon as every
			// goroutine waits: whatever takes the late answer off the
			// goroutine's hands (a buffered slot, a goroutine) must still
			// be there a day later. One that gives up after a timeout, of
			// any length, has gone by the time the airline answers, and the
			// goroutine waits to send the fare forever. (A longer patience
			// only changes which airlines count as slow.)
			var err error
			harness.MustFinish(func() {
				harness.WithFakeTime(func() {
					late := make(chan struct{})
					lateBy := make(chan int, 1) // the goroutine that asks the airline
					slow := func(string) (int, error) {
						lateBy <- harness.GoroutineID()
						<-late
						return 9450, nil
					}
					_, err = fare.Quote("AF 5678", slow)
					time.Sleep(24 * time.Hour) // fake: passes as soon as all wait
					close(late)
					synctest.Wait() // until every goroutine has ended or waits again
					select {
					case id := <-lateBy:
						failIfStuck(id, "a day after Quote had given up",
							"whatever was to take the late fare had stopped waiting (after a timeout?). The goroutine must be able to make its one send however late the airline answers.")
					default: // the airline was never asked: the other specs say so
					}
				})
			})
			Expect(err).To(MatchError(fare.ErrTimeout))
		})
	})

	Context("when quotes follow ones whose airline answered after Quote had given up", func() {
		It("lets every late answer's goroutine finish, and returns each flight its own fare", func() {
			// Page after page, two quotes time out one after the other and
			// their airlines then answer; the next quote, for another
			// flight, gets an airline that answers at once. A channel that
			// outlives its Quote (kept for reuse, in a pool or a field)
			// serves the second timed-out Quote too: two late answers for
			// one slot, and the goroutine of the second waits to send it
			// forever. On one processor a pool hands the next Quote the
			// channel the last one put back; the race detector has a pool
			// drop one in four, so the spec tries many pages. On a fake
			// clock each timeout passes at once.
			prev := runtime.GOMAXPROCS(1)
			DeferCleanup(func() { runtime.GOMAXPROCS(prev) })
			const tries = 20
			type page struct {
				flight       string
				cents, wantC int
				err          error
			}
			var (
				timedOut []error
				pages    []page
			)
			harness.MustFinish(func() {
				harness.WithFakeTime(func() {
					alive := runtime.NumGoroutine()
					for i := range tries {
						late := make(chan struct{})
						lateBy := make(chan int, 2) // the goroutines that ask the slow airlines
						for _, flight := range []string{"AF", "BA"} {
							slow := func(string) (int, error) {
								lateBy <- harness.GoroutineID()
								<-late
								return 20000 + i, nil
							}
							_, err := fare.Quote(fmt.Sprintf("%s %d", flight, i), slow)
							timedOut = append(timedOut, err)
						}
						close(late)
						synctest.Wait() // the late fares have been sent, wherever they went
						// A goroutine stuck at its send stops the fake clock
						// for good: say what it is. (Looking at goroutines is
						// slow under the race detector: only when more than
						// before are alive.)
						if runtime.NumGoroutine() > alive {
							for range len(lateBy) {
								failIfStuck(<-lateBy, "after Quote had given up",
									"nobody was left to take the late fare, or another late answer had already filled its slot (a channel shared by two Quotes, through a pool?). Each Quote needs a channel of its own.")
							}
						}

						flight := fmt.Sprintf("LH %d", i)
						instant := func(string) (int, error) { return 10000 + i, nil } // the fare of LH i
						cents, err := fare.Quote(flight, instant)
						pages = append(pages, page{flight: flight, cents: cents, wantC: 10000 + i, err: err})
					}
				})
			})
			for _, err := range timedOut {
				Expect(err).To(MatchError(fare.ErrTimeout), "a quote whose airline answered only after a day")
			}
			for _, p := range pages {
				Expect(p.err).NotTo(HaveOccurred(), "the quote for %s, whose airline answered at once", p.flight)
				Expect(p.cents).To(Equal(p.wantC),
					"the page for %s showed a fare of %d cents, not its own %d: Quote took the late answer of an earlier flight, left in a channel that outlived its Quote (reused through a pool?). Each Quote needs a channel of its own.",
					p.flight, p.cents, p.wantC)
			}
		})
	})

	Context("when the airline answers at the very moment Quote gives up", func() {
		It("returns the fare or ErrTimeout, and leaves no goroutine behind", func() {
			// Each airline answers exactly Patience after it was asked, a
			// hair after Quote's own timer: on one processor both timers are
			// due when the scheduler next looks, and it may run the airline's
			// goroutine after Quote has chosen to give up but before Quote
			// has gone on. A goroutine that looked for "Quote gave up" a
			// moment earlier then sends with nobody left to receive. The
			// scheduler picks that order about half the time (the race
			// detector shuffles it); many quotes at once make it certain in
			// practice. This spec comes last: a Quote that closes its channel
			// on a timeout makes a late send panic here, and the spec before
			// this one has already reported that send as a data race.
			prev := runtime.GOMAXPROCS(1)
			DeferCleanup(func() { runtime.GOMAXPROCS(prev) })
			onTheDot := func(string) (int, error) {
				time.Sleep(fare.Patience)
				return 18900, nil
			}
			// Every quote waits about Patience, all at once, on one processor.
			harness.MustFinishWithin(2*harness.DeadlockBound+fare.Patience, func() {
				harness.Stress(simultaneous, func(i int) {
					cents, err := fare.Quote(fmt.Sprintf("LH %d", i), onTheDot)
					if err != nil {
						Expect(err).To(MatchError(fare.ErrTimeout))
						return
					}
					Expect(cents).To(Equal(18900))
				})
			})
		})
	})
})
