package quote_test

import (
	"errors"
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
})
