package pricing_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
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
	harness.MustFinish(func() { out.cents, out.err = client.Price(ctx, sku) })
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
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(context.Background(), time.Minute)
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
})
