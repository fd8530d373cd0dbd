package quote_test

import (
	"errors"
	"runtime"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	quote "github.com/racekatas/racekatas/katas/10-future-timeout"
)

// An airline stands in for one airline's booking service. Its Quote, the
// work function handed to quote.Fetch, answers only once the airline is
// allowed to. Every spec builds its own airline, so a worker that a stuck
// spec leaves behind touches nothing the next spec uses.
type airline struct {
	cents int   // the price it quotes
	err   error // or the error it answers with

	allowed chan struct{} // closed when the airline may answer
	calls   atomic.Int32  // how many times it was asked
}

// newAirline returns an airline that answers cents and err, once allowed.
func newAirline(cents int, err error) *airline {
	return &airline{cents: cents, err: err, allowed: make(chan struct{})}
}

// Quote waits until the airline may answer, then answers.
func (a *airline) Quote() (int, error) {
	a.calls.Add(1)
	<-a.allowed
	return a.cents, a.err
}

// answerNow lets the airline answer at once.
func (a *airline) answerNow() { close(a.allowed) }

// lateDeadline is the deadline for a Get that the airline misses by a hair.
// It is delivered on an unbuffered channel, so the send completes only once
// Get has taken it and given up; only then may the airline answer. Get takes
// the timeout every time, and the airline's answer arrives right after it,
// as a slow airline's does, with nothing else between the two.
func (a *airline) lateDeadline() <-chan time.Time {
	deadline := make(chan time.Time)
	go func() {
		deadline <- time.Now()
		close(a.allowed)
	}()
	return deadline
}

// never is a deadline that does not come during a spec.
func never() <-chan time.Time { return make(chan time.Time) }

// fetch calls quote.Fetch under the deadlock watchdog: Fetch must return at
// once, whether or not the airline has answered.
func fetch(a *airline) (f *quote.Future) {
	GinkgoHelper()
	harness.MustFinish(func() { f = quote.Fetch(a.Quote) })
	return f
}

// get calls f.Get under the deadlock watchdog. Its inputs are arguments,
// evaluated on the spec's goroutine: a body left stuck by a deadlock then
// reads no variable that a later spec's setup writes.
func get(f *quote.Future, deadline <-chan time.Time) (cents int, err error) {
	GinkgoHelper()
	harness.MustFinish(func() { cents, err = f.Get(deadline) })
	return cents, err
}

// deadlinesPassed is how many Gets in a row meet a deadline that has
// already passed while the answer is ready too: select picks one of the two
// at random, so a Get that stores its timeout is caught with certainty but
// for one chance in 2^deadlinesPassed.
const deadlinesPassed = 30

// waitParked returns once goroutine id has ended or is parked (on a
// channel, a lock, a WaitGroup), or once until has passed.
func waitParked(id int, until time.Time) {
	for time.Now().Before(until) {
		switch harness.GoroutineState(id) {
		case "running", "runnable":
			runtime.Gosched()
		default:
			return
		}
	}
}

var errNoSeats = errors.New("no seats left on this flight")

var _ = Describe("Future", func() {
	var carrier *airline

	Context("when the airline answers before the deadline", func() {
		BeforeEach(func() {
			carrier = newAirline(18900, nil)
		})

		It("returns the price, to every Get", func() {
			f := fetch(carrier)
			carrier.answerNow()

			cents, err := get(f, never())
			Expect(err).NotTo(HaveOccurred())
			Expect(cents).To(Equal(18900))

			cents, err = get(f, never())
			Expect(err).NotTo(HaveOccurred(), "a second Get should return the same answer")
			Expect(cents).To(Equal(18900), "a second Get should return the same answer")
			Expect(carrier.calls.Load()).To(Equal(int32(1)), "the airline should be asked once per Future")
		})
	})

	Context("when the airline answers with an error before the deadline", func() {
		BeforeEach(func() {
			carrier = newAirline(0, errNoSeats)
		})

		It("returns the airline's error", func() {
			f := fetch(carrier)
			carrier.answerNow()

			_, err := get(f, nil)
			Expect(err).To(MatchError(errNoSeats))
		})
	})

	Context("when the deadline comes before the answer", func() {
		BeforeEach(func() {
			carrier = newAirline(18900, nil)
		})

		It("gives up with ErrTimeout and no price", func() {
			f := fetch(carrier)

			cents, err := get(f, carrier.lateDeadline())
			Expect(err).To(MatchError(quote.ErrTimeout))
			Expect(cents).To(BeZero(), "a timed-out quote has no price")
			// The late answer still comes in, after the page has moved on;
			// the spec's leak check then waits for the worker to finish.
		})
	})

	Context("when the page asks again after a timeout", func() {
		BeforeEach(func() {
			carrier = newAirline(18900, nil)
		})

		It("gets the late answer", func() {
			f := fetch(carrier)

			_, err := get(f, carrier.lateDeadline())
			Expect(err).To(MatchError(quote.ErrTimeout))

			cents, err := get(f, nil)
			Expect(err).NotTo(HaveOccurred(), "the deadline gave up on one wait, not on the answer")
			Expect(cents).To(Equal(18900), "the late answer was lost")
		})
	})
	Context("when the page waits with no deadline for a very slow airline", func() {
		It("waits for the answer however long it takes", func() {
			type result struct {
				cents int
				err   error
			}
			var (
				early bool // Get returned before the airline answered
				r     result
			)
			// On a fake clock a whole day passes while the airline is held:
			// a Get that gives up after a timeout of its own, of any length,
			// has returned by then; a Get for which a nil deadline never
			// comes is still waiting.
			harness.MustFinish(func() {
				harness.WithFakeTime(func() {
					slow := newAirline(18900, nil)
					f := quote.Fetch(slow.Quote)
					got := make(chan result, 1)
					go func() {
						cents, err := f.Get(nil)
						got <- result{cents, err}
					}()
					time.Sleep(24 * time.Hour) // fake: passes as soon as all wait
					select {
					case r = <-got:
						early = true
					default:
					}
					slow.answerNow()
					if !early {
						r = <-got
					}
				})
			})
			Expect(early).To(BeFalse(),
				"Get(nil) returned (%d, %v) while the airline had not answered yet: a nil deadline never comes, so Get must wait for the answer however long it takes", r.cents, r.err)
			Expect(r.err).NotTo(HaveOccurred())
			Expect(r.cents).To(Equal(18900))
		})
	})

	Context("when the answer is in and later waits' deadlines have passed too", func() {
		It("never lets a timeout replace the answer", func() {
			worker := make(chan int, 1) // the id of the worker's goroutine
			var f *quote.Future
			harness.MustFinish(func() {
				f = quote.Fetch(func() (int, error) {
					worker <- harness.GoroutineID()
					return 18900, nil
				})
				// The answer is in once the worker has done all it can.
				waitParked(<-worker, time.Now().Add(harness.DeadlockBound))
			})
			// A closed channel is a deadline that has already passed. With
			// the answer ready as well, select may take either case: a Get
			// may then return the answer or ErrTimeout, but the timeout
			// belongs to that wait, and must not reach the next Get.
			passed := make(chan time.Time)
			close(passed)
			for round := range 2 {
				for range deadlinesPassed {
					cents, err := get(f, passed)
					if err != nil {
						Expect(err).To(MatchError(quote.ErrTimeout))
						Expect(cents).To(BeZero(), "a timed-out quote has no price")
					} else {
						Expect(cents).To(Equal(18900))
					}
				}
				cents, err := get(f, never())
				Expect(err).NotTo(HaveOccurred(), "round %d: a wait that timed out overwrote the airline's answer", round)
				Expect(cents).To(Equal(18900), "round %d: the answer was lost", round)
			}
		})
	})

	Context("when Get waits for a slow airline", func() {
		BeforeEach(func() {
			carrier = newAirline(18900, nil)
		})

		It("waits without using the processor", func() {
			f := fetch(carrier)
			waiter := make(chan int, 1)
			type result struct {
				cents int
				err   error
			}
			got := make(chan result, 1)
			go func() {
				waiter <- harness.GoroutineID()
				cents, err := f.Get(never())
				got <- result{cents, err}
			}()
			DeferCleanup(func() {
				select {
				case <-carrier.allowed:
				default:
					carrier.answerNow() // a failed spec must not leave Get spinning
				}
			})
			// Let Get start waiting (a goroutine not yet started would look
			// busy to the check); a spinning Get may be caught runnable
			// every time it is looked at, so the wait is bounded.
			waitParked(<-waiter, time.Now().Add(harness.BusyWaitWindow))
			harness.ExpectNoBusyWait()

			carrier.answerNow()
			var r result
			harness.MustFinish(func() { r = <-got })
			Expect(r.err).NotTo(HaveOccurred())
			Expect(r.cents).To(Equal(18900))
		})
	})
})
