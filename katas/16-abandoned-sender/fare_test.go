package fare_test

import (
	"errors"
	"sync"

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

	// late, if not nil, holds every answer back until the spec closes it,
	// which it does once Quote has returned: the airline then answers only
	// after Quote has given up on it.
	late chan struct{}

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

// quote calls Quote under the deadlock watchdog and, once it has returned,
// lets a late airline answer.
func (a *airline) quote(flight string) (cents int, err error) {
	GinkgoHelper()
	harness.MustFinish(func() { cents, err = fare.Quote(flight, a.Fare) })
	if a.late != nil {
		close(a.late)
	}
	return cents, err
}

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

	Context("when the airline answers only after Quote has given up", func() {
		BeforeEach(func() {
			air.late = make(chan struct{})
		})

		It("returns ErrTimeout, and lets the late answer's goroutine finish", func() {
			_, err := air.quote("AF 5678")
			Expect(err).To(MatchError(fare.ErrTimeout))
		})
	})
})
