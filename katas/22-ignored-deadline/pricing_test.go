package pricing_test

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing/synctest"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	pricing "github.com/racekatas/racekatas/katas/22-ignored-deadline"
)

// deadline is how long a page may wait for its price. slowAnswer is how long
// a held service takes to answer: far past the deadline, so a Price that
// waits for the answer returns late, yet soon enough that no spec hangs.
const (
	deadline   = 20 * time.Millisecond
	slowAnswer = 300 * time.Millisecond
)

// A service stands in for the pricing service. While it is held, Quote waits
// until the spec lets it answer or slowAnswer has passed, whichever comes
// first; the specs let it answer only once Price has returned. Each spec
// builds its own, so a Quote still running after its spec touches nothing
// the next spec sets up.
type service struct {
	prices  map[string]int // read-only once built
	onQuote func()         // called as Quote starts; nil means nothing; set before the first call

	held     chan struct{} // closed when Quote may answer at once
	letGo    sync.Once     // closes held
	answered atomic.Bool   // set as a Quote returns
	caller   atomic.Int64  // the goroutine that ran the latest Quote
}

func newService() *service {
	return &service{
		prices: map[string]int{"teapot": 2450, "kettle": 3999},
		held:   make(chan struct{}),
	}
}

// answerNow lets every Quote, running or to come, answer at once.
func (s *service) answerNow() { s.letGo.Do(func() { close(s.held) }) }

// Quote is the work function handed to Price. Like the real client call, it
// takes no context.
func (s *service) Quote(sku string) (int, error) {
	defer s.answered.Store(true)
	s.caller.Store(int64(harness.GoroutineID()))
	if s.onQuote != nil {
		s.onQuote()
	}
	select {
	case <-s.held:
	case <-time.After(slowAnswer):
	}
	cents, ok := s.prices[sku]
	if !ok {
		return 0, fmt.Errorf("%s: no such product", sku)
	}
	return cents, nil
}

// outcome is what one call to Price left behind.
type outcome struct {
	cents   int
	err     error
	onTime  bool // Price returned while the service had not answered yet
	elapsed time.Duration
}

// ask calls Price under the deadlock watchdog, notes whether the service had
// answered by the time Price returned, then lets the service answer. Its
// inputs are arguments, read on the spec goroutine: the body touches no
// variable that a later spec's setup writes.
func ask(ctx context.Context, svc *service, sku string) outcome {
	GinkgoHelper()
	client := &pricing.Client{Quote: svc.Quote}
	var out outcome
	start := time.Now()
	// Twice the usual bound: the longest deadline here is a second, and a
	// Price that waits for it (rather than for a dropped answer) must be
	// reported as a wrong answer, not as a deadlock, on a busy machine too.
	harness.MustFinishWithin(2*harness.DeadlockBound, func() { out.cents, out.err = client.Price(ctx, sku) })
	out.elapsed = time.Since(start)
	out.onTime = !svc.answered.Load()
	svc.answerNow()
	return out
}

var _ = Describe("Price", func() {
	var (
		svc *service // the pricing service of the running spec
		ctx context.Context
	)

	BeforeEach(func() {
		svc = newService()
		// A Quote still held when the spec ends answers now, so that it can
		// return before the leak check looks for goroutines left behind.
		DeferCleanup(svc.answerNow)
	})

	Context("when the service answers well before the deadline", func() {
		BeforeEach(func() {
			// A second is ages for an answer that is ready at once, yet
			// within ask's bound: a Price that loses the answer and waits
			// for the deadline instead returns an error here, a wrong
			// result as in the other specs, not a hang the watchdog would
			// call a deadlock.
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(context.Background(), time.Second)
			DeferCleanup(cancel)
			svc.answerNow()
		})

		It("returns the quoted price", func() {
			got := ask(ctx, svc, "kettle")
			Expect(got.err).NotTo(HaveOccurred())
			Expect(got.cents).To(Equal(3999))
		})

		It("returns the service's error", func() {
			got := ask(ctx, svc, "parasol")
			Expect(got.err).To(MatchError("parasol: no such product"))
		})
	})

	Context("when the service answers before Price even starts waiting", func() {
		BeforeEach(func() {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(context.Background(), time.Second)
			DeferCleanup(cancel)
			svc.answerNow()
			// Price looks at ctx.Done() only when it starts to wait; this
			// context holds it there until the service has answered and the
			// goroutine that called Quote has done what it does with the
			// answer. So the answer is always ready before anyone waits.
			ctx = &answerFirst{Context: ctx, svc: svc}
		})

		It("still returns the quoted price", func() {
			got := ask(ctx, svc, "kettle")
			Expect(got.err).NotTo(HaveOccurred(),
				"the service answered at once, yet Price waited %v and gave up: was the answer dropped because nobody was receiving yet?", got.elapsed.Round(time.Millisecond))
			Expect(got.cents).To(Equal(3999))
		})
	})

	Context("when the page was cancelled before Price is called", func() {
		BeforeEach(func() {
			var cancel context.CancelFunc
			ctx, cancel = context.WithCancel(context.Background())
			cancel()
		})

		It("returns context.Canceled without waiting for the service", func() {
			got := ask(ctx, svc, "teapot")
			Expect(got.err).To(MatchError(context.Canceled))
			Expect(got.onTime).To(BeTrue(), "Price waited %v for an answer the page no longer wanted", got.elapsed.Round(time.Millisecond))
		})
	})

	Context("when many pages ask one client at once", func() {
		BeforeEach(func() {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(context.Background(), time.Second)
			DeferCleanup(cancel)
			svc.answerNow()
		})

		It("gives each page the price of its own product", func() {
			client := &pricing.Client{Quote: svc.Quote}
			skus := []string{"teapot", "kettle", "teapot", "kettle", "teapot", "kettle", "teapot", "kettle"}
			harness.MustFinishWithin(2*harness.DeadlockBound, func() { // see ask
				harness.Stress(len(skus), func(i int) {
					cents, err := client.Price(ctx, skus[i])
					Expect(err).NotTo(HaveOccurred())
					Expect(cents).To(Equal(svc.prices[skus[i]]), "page %d asked for a %s", i, skus[i])
				})
			})
		})
	})

	Context("when the service is slower than the deadline", func() {
		BeforeEach(func() {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(context.Background(), deadline)
			DeferCleanup(cancel)
		})

		It("returns context.DeadlineExceeded at the deadline, without waiting for the answer", func() {
			got := ask(ctx, svc, "teapot")
			Expect(got.err).To(MatchError(context.DeadlineExceeded),
				"Price returned after %v, past its %v deadline, without saying so", got.elapsed.Round(time.Millisecond), deadline)
			Expect(got.onTime).To(BeTrue(),
				"Price returned only after the service answered, %v into a %v deadline", got.elapsed.Round(time.Millisecond), deadline)
			Expect(got.cents).To(BeZero())
		})
	})

	Context("when the service takes its time well within the deadline", func() {
		It("waits parked for the answer or the cancel, not polling", func() {
			ctx, cancel := context.WithCancel(context.Background())
			DeferCleanup(cancel)
			// Quote holds until the cleanup lets it answer, so nothing is
			// due while the busy-wait check watches: Price has nothing to
			// do but wait, and a wait costs no CPU.
			s, started := svc, make(chan struct{}) // s: the next spec reassigns svc
			s.onQuote = func() {
				close(started)
				<-s.held
			}
			client := &pricing.Client{Quote: s.Quote}
			done := make(chan error, 1)
			go func() {
				_, err := client.Price(ctx, "teapot")
				done <- err
			}()
			harness.MustFinish(func() { <-started })
			harness.ExpectNoBusyWait()
			cancel()
			// A bounded wait, not MustFinish: a Price that waits for Quote
			// is a wrong answer to the cancel, and the cleanup frees it.
			var err error
			Eventually(done).WithTimeout(time.Second).Should(Receive(&err),
				"the page was cancelled, yet Price went on waiting for the service")
			Expect(err).To(MatchError(context.Canceled))
		})
	})

	Context("when the page is abandoned while the service works", func() {
		BeforeEach(func() {
			var cancel context.CancelFunc
			ctx, cancel = context.WithCancel(context.Background())
			DeferCleanup(cancel)
			// The visitor leaves as soon as the service starts working.
			svc.onQuote = cancel
		})

		It("returns context.Canceled at once, without waiting for the answer", func() {
			got := ask(ctx, svc, "teapot")
			Expect(got.err).To(MatchError(context.Canceled),
				"the page was cancelled, yet Price returned after %v without saying so", got.elapsed.Round(time.Millisecond))
			Expect(got.onTime).To(BeTrue(),
				"Price returned only after the service answered, %v after the page was cancelled", got.elapsed.Round(time.Millisecond))
			Expect(got.cents).To(BeZero())
		})
	})

	Context("when a page with a long deadline is cancelled while the service works", func() {
		It("returns context.Canceled at the cancel itself, not when some timer wakes it", func() {
			harness.MustFinish(func() {
				// On a fake clock that moves only when the spec lets it,
				// "as soon as ctx is done" can be checked exactly: a Price
				// that sees the cancel only when a timer wakes it (a poll
				// every few milliseconds, or a timer set to ctx's
				// deadline) is still parked on that timer, however short
				// its period.
				harness.WithFakeTime(func() {
					ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
					defer cancel()
					started := make(chan struct{}, 1)
					hold := make(chan struct{})
					defer close(hold)
					quote := func(sku string) (int, error) {
						select {
						case started <- struct{}{}:
						default:
						}
						<-hold
						// The spec is over, and this page will never get
						// an answer: end the goroutine that asked here,
						// whatever Price would do with a late answer
						// (other specs look at that), so that the fake
						// clock's world can end.
						runtime.Goexit()
						return 0, nil
					}
					client := &pricing.Client{Quote: quote}
					type result struct {
						cents int
						err   error
					}
					results := make(chan result, 1)
					go func() {
						cents, err := client.Price(ctx, "teapot")
						results <- result{cents, err}
					}()
					<-started
					// The visitor closes the tab an hour before the deadline.
					cancel()
					// Let every goroutine run until it ends or waits again,
					// without moving the clock: no timer is due.
					synctest.Wait()
					select {
					case r := <-results:
						Expect(r.err).To(MatchError(context.Canceled),
							"the page was cancelled long before its deadline, yet Price did not say so")
						Expect(r.cents).To(BeZero())
					default:
						Fail("the page was cancelled, yet Price was still waiting: it sees the cancel only when a timer wakes it " +
							"(a poll? a timer set to the deadline, which a cancel does not move?). It must wait for the answer and for ctx.Done() at the same time.")
					}
				})
			})
		})
	})

	Context("when a page gave up and the next page asks the same client", func() {
		It("gives the next page the price of its own product, not the late answer to the first", func() {
			client := &pricing.Client{Quote: svc.Quote}
			first, cancel := context.WithCancel(context.Background())
			DeferCleanup(cancel)
			s := svc // the next spec reassigns svc
			// The first visitor leaves as soon as the service starts
			// working on the teapot.
			s.onQuote = cancel
			var err error
			harness.MustFinishWithin(2*harness.DeadlockBound, func() { _, err = client.Price(first, "teapot") }) // see ask
			Expect(err).To(MatchError(context.Canceled), "the first page was cancelled while the service worked")

			// Now the service answers the abandoned call. Wait until the
			// goroutine that asked has done what it does with the answer
			// (handed it over, stored it, or parked trying), so that the
			// late answer is there before the next page asks.
			s.answerNow()
			Eventually(func() bool {
				if !s.answered.Load() {
					return false
				}
				state := harness.GoroutineState(int(s.caller.Load()))
				return state != "running" && state != "runnable"
			}).WithTimeout(time.Second).Should(BeTrue(), "the service answered, yet the goroutine that asked kept running")

			next, cancelNext := context.WithTimeout(context.Background(), time.Second)
			DeferCleanup(cancelNext)
			var cents int
			harness.MustFinishWithin(2*harness.DeadlockBound, func() { cents, err = client.Price(next, "kettle") })
			Expect(err).NotTo(HaveOccurred())
			Expect(cents).To(Equal(s.prices["kettle"]),
				"the next page asked for a kettle and got %d cents, the teapot's price: the answer that came too late for the page that left went to the next page that asked", cents)
		})
	})
})

// answerFirst is a context whose Done, the moment Price starts waiting on it,
// first waits (for at most holdBound) until the service has answered and the
// goroutine that called Quote is no longer running: it has handed the answer
// over, stored it, or parked trying to. The window an answer can fall into,
// between the service answering and Price listening, is then always open.
type answerFirst struct {
	context.Context
	svc *service
}

// holdBound caps how long answerFirst holds a caller of Done, so that code
// that looks at Done before it calls Quote only loses that much time.
const holdBound = 500 * time.Millisecond

func (c *answerFirst) Done() <-chan struct{} {
	until := time.Now().Add(holdBound)
	for time.Now().Before(until) {
		if c.svc.answered.Load() {
			switch harness.GoroutineState(int(c.svc.caller.Load())) {
			case "running", "runnable":
			default: // ended, or parked
				return c.Context.Done()
			}
		}
		time.Sleep(100 * time.Microsecond) // polls, bounded: see holdBound
	}
	return c.Context.Done()
}
