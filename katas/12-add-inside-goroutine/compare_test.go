package pricecheck_test

import (
	"fmt"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	pricecheck "github.com/racekatas/racekatas/katas/12-add-inside-goroutine"
)

// A market is one spec's shops: what each asks for the product, the rate
// limiter Compare waits on, and a record of the quotes asked. Every spec
// builds its own. The goroutines of a Compare that returned too early go on
// after their spec has ended; they touch their own market and nothing else.
type market struct {
	shops  []string
	prices map[string]int // what each shop answers; read-only once built
	want   []int          // what Compare should return

	// ticks is the rate limiter handed to Compare. The spec never sends on
	// it: it closes it, which lets every waiting goroutine through at once,
	// as a ticker with a period of zero would.
	ticks chan time.Time
	probe *harness.Probe // every quote enters it

	mu    sync.Mutex // protects early
	early int        // quotes asked before the limiter let anyone through
}

// newMarket returns n shops with distinct prices. Its probe opens its gate
// once two quotes are in flight at once: code that asks the shops side by
// side never waits at it.
func newMarket(n int) *market {
	m := &market{
		shops:  make([]string, n),
		prices: map[string]int{},
		want:   make([]int, n),
		ticks:  make(chan time.Time),
		probe:  harness.NewProbe(2),
	}
	for i := range n {
		m.shops[i] = fmt.Sprintf("shop-%d", i+1)
		m.want[i] = 1999 + 100*i
		m.prices[m.shops[i]] = m.want[i]
	}
	return m
}

// quote is the work function handed to Compare: it answers with the shop's
// price, and notes a call made before the limiter opened.
func (m *market) quote(shop string) int {
	// Noted before the probe: its gate can hold a call until the limiter
	// has opened, and an early call would then look like one in its turn.
	select {
	case <-m.ticks: // closed: the limiter has opened
	default:
		m.mu.Lock()
		m.early++
		m.mu.Unlock()
	}
	leave := m.probe.Enter()
	defer leave()
	return m.prices[shop]
}

// Early is how many quotes were asked before the limiter opened.
func (m *market) Early() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.early
}

// compare calls Compare under the deadlock watchdog and returns the prices it
// returned and how many shops had been asked by then.
//
// The limiter stays shut until Compare has returned, or until
// harness.ProbeWait has passed. A Compare that waits for its shops sits in
// wg.Wait meanwhile, and the shops get their turns after ProbeWait; one that
// does not wait has returned before any shop was asked.
//
// The prices are copied, and the quotes counted, before the limiter opens:
// the close that lets the goroutines through orders this read before any of
// their writes to the slice. A Compare that returns too early then shows as
// missing prices, every run, and never as a data race of the spec's making.
func (m *market) compare() (got []int, asked int) {
	GinkgoHelper()
	returned := make(chan struct{})
	go func() {
		defer close(m.ticks)
		select {
		case <-returned:
		case <-time.After(harness.ProbeWait):
		}
	}()
	harness.MustFinish(func() {
		defer close(returned)
		prices := pricecheck.Compare(m.shops, m.ticks, m.quote)
		got = make([]int, len(prices))
		copy(got, prices)
		asked = m.probe.Calls()
	})
	return got, asked
}

var _ = Describe("Compare", func() {
	var m *market // the shops of the running spec

	Context("when several shops sell the product", func() {
		BeforeEach(func() {
			m = newMarket(5)
		})

		It("returns every shop's price, in shop order, once all have answered", func() {
			got, asked := m.compare()
			Expect(got).To(Equal(m.want),
				"Compare returned before every shop had answered: %d of %d had been asked", asked, len(m.shops))
		})

		It("asks the shops side by side, each in its turn", func() {
			got, _ := m.compare()
			Expect(got).To(Equal(m.want), "Compare returned before every shop had answered")
			Expect(m.probe.Max()).To(BeNumerically(">=", 2),
				"the shops were asked one after another: one slow shop would hold up the page")
			Expect(m.Early()).To(BeZero(), "shops were asked before the rate limiter gave them a turn")
		})
	})

	Context("when no shop sells the product", func() {
		BeforeEach(func() {
			m = newMarket(0)
		})

		It("returns no prices and asks nobody", func() {
			got, asked := m.compare()
			Expect(got).To(BeEmpty())
			Expect(asked).To(BeZero())
		})
	})

	Context("when only one shop sells the product", func() {
		BeforeEach(func() {
			m = newMarket(1)
		})

		It("returns its price, once it has answered", func() {
			got, asked := m.compare()
			Expect(got).To(Equal(m.want), "Compare returned before the shop had answered: %d of 1 had been asked", asked)
		})
	})

	Context("when two pages compare prices at the same time", func() {
		It("gives each page the prices of its own shops", func() {
			// Each page's limiter stays shut until its Compare has returned,
			// or until harness.ProbeWait has passed, as in compare above.
			a, b := newMarket(3), newMarket(4)
			var got [2][]int
			harness.MustFinish(func() {
				harness.Stress(2, func(i int) {
					m := []*market{a, b}[i]
					returned := make(chan struct{})
					go func() {
						defer close(m.ticks)
						select {
						case <-returned:
						case <-time.After(harness.ProbeWait):
						}
					}()
					prices := pricecheck.Compare(m.shops, m.ticks, m.quote)
					got[i] = append([]int(nil), prices...)
					close(returned)
				})
			})
			Expect(got[0]).To(Equal(a.want), "the first page's prices")
			Expect(got[1]).To(Equal(b.want), "the second page's prices")
		})
	})

	Context("while the shops wait for their turn", func() {
		BeforeEach(func() {
			m = newMarket(3)
		})

		It("waits for them without spinning", func() {
			open := sync.OnceFunc(func() { close(m.ticks) })
			DeferCleanup(open) // also when the check fails: let the shops answer

			shops, ticks, quote := m.shops, m.ticks, m.quote
			result := make(chan []int, 1)
			go func() {
				prices := pricecheck.Compare(shops, ticks, quote)
				result <- append([]int(nil), prices...)
			}()

			// Nothing can happen until the limiter gives a turn: Compare and
			// its goroutines should be parked, not polling.
			harness.ExpectNoBusyWait()
			open()
			var got []int
			harness.MustFinish(func() { got = <-result })
			Expect(got).To(Equal(m.want), "Compare returned before every shop had answered")
		})
	})

	// Last: a Compare that polls stops the fake clock, and goes on polling
	// after the watchdog has reported it; nothing runs after it but the
	// suite's end.
	Context("when the rate limiter gives no turn for longer than any timeout Compare could set", func() {
		It("still waits for the shops, and returns every price", func() {
			// On a fake clock a day passes the moment every goroutine
			// waits: a Compare that gives up after a timeout, however
			// long, has returned by then, with no shop asked yet.
			shops := []string{"shop-1", "shop-2"}
			want := []int{1999, 2099}
			var got []int
			returnedEarly := false
			harness.MustFinish(func() {
				harness.WithFakeTime(func() {
					limiter := make(chan time.Time) // gives no turn until closed
					quote := func(shop string) int { return map[string]int{"shop-1": 1999, "shop-2": 2099}[shop] }
					result := make(chan []int, 1)
					go func() {
						// Copied before the limiter opens when Compare
						// returns early: the shops' late writes race
						// with nothing of the spec's.
						prices := pricecheck.Compare(shops, limiter, quote)
						result <- append([]int(nil), prices...)
					}()
					time.Sleep(24 * time.Hour) // fake: passes as soon as all wait
					select {
					case <-result:
						returnedEarly = true
					default:
					}
					close(limiter)
					if !returnedEarly {
						got = <-result
					}
				})
			})
			Expect(returnedEarly).To(BeFalse(),
				"Compare returned while every shop was still waiting for its turn on the rate limiter: it stopped waiting (after a timeout?), and the page showed a price of 0 for each shop")
			Expect(got).To(Equal(want))
		})
	})
})
