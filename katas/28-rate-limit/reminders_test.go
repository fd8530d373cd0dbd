package reminders_test

import (
	"errors"
	"fmt"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	reminders "github.com/racekatas/racekatas/katas/28-rate-limit"
)

// every is the gateway's rate, one message per every, and patients the size
// of an evening's batch: about a tenth of a second of sending.
const (
	every    = 10 * time.Millisecond
	patients = 10
)

// errThrottled is what the gateway answers to a message the account has not
// earned yet.
var errThrottled = errors.New("429 Too Many Requests")

// A gateway is one spec's SMS gateway. The account earns one message per
// every from the moment SendAll is called, so message k (counting from 0, in
// the order they arrive) may come no sooner than k*every after that moment;
// one that does is throttled. The gateway records when each message arrived,
// by the monotonic clock. Every spec builds its own, so sends that a failed
// spec leaves running cannot race with the next spec's setup.
//
// Why not check the gap between each message and the one before? Because a
// busy machine can delay a send after its beat and then start the next one on
// time: two messages a microsecond apart, from a correct limiter. A delay can
// only make a message later, never earlier, so counting from one fixed
// moment holds on any machine: message k can only come early if k messages
// were let through faster than the rate.
type gateway struct {
	msgs  []string       // the reminders to send, one per patient
	probe *harness.Probe // every send enters and leaves it, after it arrived

	opened time.Time // when SendAll was called; set just before the call

	mu      sync.Mutex      // protects the fields below
	arrived []time.Duration // when each message arrived, after opened
	got     []string        // each message, in the order they arrived

	errs []error // what SendAll returned
}

// newGateway returns a gateway for an evening of n reminders. Its probe only
// counts: its gate is open from the start.
func newGateway(n int) *gateway {
	g := &gateway{probe: harness.NewProbe(1)}
	for i := range n {
		g.msgs = append(g.msgs, fmt.Sprintf("Patient %02d: your appointment is tomorrow at %d:00.", i, 9+i%8))
	}
	return g
}

// send is the work function handed to SendAll.
func (g *gateway) send(msg string) error {
	g.mu.Lock()
	at := time.Since(g.opened)
	earned := at >= time.Duration(len(g.arrived))*every
	g.arrived = append(g.arrived, at)
	g.got = append(g.got, msg)
	g.mu.Unlock()

	leave := g.probe.Enter()
	defer leave()
	if !earned {
		return errThrottled
	}
	return nil
}

// sendAll runs SendAll over the evening's reminders at the gateway's rate.
func (g *gateway) sendAll() {
	g.opened = time.Now()
	g.errs = reminders.SendAll(g.msgs, every, g.send)
}

// expectNoFasterThanTheRate checks that no message came before the account
// had earned it, and names the first one that did.
func (g *gateway) expectNoFasterThanTheRate() {
	GinkgoHelper()
	early, first := 0, -1
	for k, at := range g.arrived {
		if at < time.Duration(k)*every {
			early++
			if first < 0 {
				first = k
			}
		}
	}
	if first < 0 {
		return
	}
	Expect(early).To(BeZero(),
		"%d of %d messages came sooner than one per %v allows: message %d reached the gateway %v after SendAll was called, where the earliest it could come was %v",
		early, len(g.arrived), every, first+1, g.arrived[first].Round(time.Microsecond), time.Duration(first)*every)
}

// expectEveryReminderOnce checks that every reminder went out once, and that
// SendAll reported the gateway's answer to each. The order they arrived in is
// not checked: each send runs on a goroutine of its own, and a goroutine can
// be scheduled late enough for the next one to overtake it.
func (g *gateway) expectEveryReminderOnce() {
	GinkgoHelper()
	Expect(g.got).To(ConsistOf(g.msgs), "the gateway should get every reminder once")
	Expect(g.errs).To(HaveLen(len(g.msgs)))
	for i, err := range g.errs {
		Expect(err).NotTo(HaveOccurred(), "errs[%d]", i)
	}
}

var _ = Describe("SendAll", func() {
	var gw *gateway

	BeforeEach(func() {
		gw = newGateway(patients)
	})

	Context("when an evening's reminders go out", func() {
		It("sends them no faster than the gateway allows", func() {
			harness.MustFinish(gw.sendAll)
			gw.expectNoFasterThanTheRate()
			gw.expectEveryReminderOnce()
		})
	})

	Context("when the gateway is slower to answer than the rate", func() {
		BeforeEach(func() {
			// The gate holds each send until a second one is in flight, or
			// until harness.ProbeWait has passed: sends started at the rate
			// overlap one interval later; sends made one after another wait
			// for a partner that never comes.
			gw.probe = harness.NewProbe(2)
		})

		It("keeps starting sends at the rate while earlier ones wait for an answer", func() {
			harness.MustFinish(gw.sendAll)
			Expect(gw.probe.Max()).To(BeNumerically(">=", 2),
				"each send waited for the one before to be answered")
			gw.expectNoFasterThanTheRate()
			gw.expectEveryReminderOnce()
		})
	})

	Context("when there is nothing to send", func() {
		BeforeEach(func() {
			gw = newGateway(0)
		})

		It("returns no errors and sends nothing", func() {
			harness.MustFinish(gw.sendAll)
			Expect(gw.errs).To(BeEmpty())
			Expect(gw.probe.Calls()).To(BeZero())
		})
	})
})
