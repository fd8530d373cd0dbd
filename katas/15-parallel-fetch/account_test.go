package account_test

import (
	"errors"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	account "github.com/racekatas/racekatas/katas/15-parallel-fetch"
)

var (
	errUsersDown  = errors.New("user service unavailable")
	errOrdersDown = errors.New("order service unavailable")
)

// What the two services answer when they work.
var (
	ada       = account.Profile{ID: "u42", Name: "Ada"}
	adaOrders = []account.Order{{ID: "o-1001", Total: 2599}, {ID: "o-1002", Total: 1250}}
)

// services stands in for the user service and the order service of one
// spec. Every spec builds its own, so a goroutine that one spec leaves behind
// touches nothing the next spec sets up.
type services struct {
	profileErr error // what the user service fails with; nil if it works
	ordersErr  error // what the order service fails with; nil if it works

	// together is the probe both fetches enter. Its gate opens once both are
	// inside at once, so a service fails only while the other fetch is in
	// flight, and Max tells whether the two ran at the same time.
	together *harness.Probe

	// returned is the gate where a fetch that outlives the other service's
	// failure waits before it answers. The spec walks through it once Load
	// has returned, which opens it: the late answer comes when Load is no
	// longer receiving. A Load that waits for both answers before it returns
	// the error is fine too: its late fetch goes through after
	// harness.ProbeWait.
	returned *harness.Probe
}

func newServices() *services {
	return &services{together: harness.NewProbe(2), returned: harness.NewProbe(2)}
}

func (s *services) failing() bool { return s.profileErr != nil || s.ordersErr != nil }

// Profile is the user service.
func (s *services) Profile(user string) (account.Profile, error) {
	leave := s.together.Enter()
	defer leave()
	if s.profileErr != nil {
		return account.Profile{}, s.profileErr
	}
	if s.ordersErr != nil {
		s.returned.Enter()()
	}
	return account.Profile{ID: user, Name: ada.Name}, nil
}

// Orders is the order service.
func (s *services) Orders(string) ([]account.Order, error) {
	leave := s.together.Enter()
	defer leave()
	if s.ordersErr != nil {
		return nil, s.ordersErr
	}
	if s.profileErr != nil {
		s.returned.Enter()()
	}
	return adaOrders, nil
}

// load calls Load under the deadlock watchdog and, if a service fails,
// then lets the other one answer.
func (s *services) load(user string) (page account.Page, err error) {
	GinkgoHelper()
	harness.MustFinish(func() { page, err = account.Load(user, s.Profile, s.Orders) })
	if s.failing() {
		s.returned.Enter()()
	}
	return page, err
}

// Every spec ends with the leak check: it fails the spec with "LEAK:" if a
// goroutine that Load started is still running half a second later.
var _ = Describe("Load", func() {
	var svc *services

	BeforeEach(func() {
		svc = newServices()
	})

	Context("when both services answer", func() {
		It("shows the profile and the orders on one page, fetched at the same time", func() {
			page, err := svc.load("u42")
			Expect(err).NotTo(HaveOccurred())
			Expect(page).To(Equal(account.Page{Profile: ada, Orders: adaOrders}))
			Expect(svc.together.Max()).To(Equal(2),
				"the fetches ran one after the other: the page waits for both delays added up")
		})
	})

	Context("when the user service fails while the orders are still loading", func() {
		BeforeEach(func() {
			svc.profileErr = errUsersDown
		})

		It("returns the user service's error, and lets the orders' fetch finish", func() {
			page, err := svc.load("u42")
			Expect(err).To(MatchError(errUsersDown))
			Expect(page).To(BeZero())
			Expect(svc.together.Max()).To(Equal(2), "the fetches ran one after the other")
		})
	})

	Context("when the order service fails while the profile is still loading", func() {
		BeforeEach(func() {
			svc.ordersErr = errOrdersDown
		})

		It("returns the order service's error, and lets the profile's fetch finish", func() {
			page, err := svc.load("u42")
			Expect(err).To(MatchError(errOrdersDown))
			Expect(page).To(BeZero())
			Expect(svc.together.Max()).To(Equal(2), "the fetches ran one after the other")
		})
	})
})
