package reminders_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
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

	// holdLast, if set, makes the last message's send wait for its answer
	// until some goroutine of SendAll's is parked on a plain channel send,
	// or holdBound has passed. Set before the call.
	holdLast bool

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
	last := len(g.got) == len(g.msgs)
	g.mu.Unlock()

	if last && g.holdLast {
		waitForParkedSender()
	}

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

// holdBound is the longest the last send of a holdLast gateway waits: many
// beats, so that a goroutine that is going to block on a send has blocked.
const holdBound = 40 * every

// waitForParkedSender waits until a goroutine in the kata's own files is
// parked on a plain channel send ("chan send"; a send inside a select shows
// as "select"), or until holdBound has passed. It polls the goroutine dump:
// reading it orders nothing, so it hides no race.
func waitForParkedSender() {
	dir, err := os.Getwd()
	if err != nil {
		return
	}
	until := time.Now().Add(holdBound)
	for time.Now().Before(until) {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		for _, g := range strings.Split(string(buf), "\n\n") {
			header, frames, _ := strings.Cut(g, "\n")
			if !strings.Contains(header, "[chan send") {
				continue
			}
			for _, line := range strings.Split(frames, "\n") {
				file, _, _ := strings.Cut(strings.TrimSpace(line), ":")
				if filepath.Dir(file) == dir && !strings.HasSuffix(file, "_test.go") {
					return
				}
			}
		}
		time.Sleep(time.Millisecond) // polls, bounded by holdBound
	}
}

// parkedInKata counts the goroutines parked (not running, not runnable) in
// the kata's own files with no frame of the specs' files on their stacks:
// goroutines of SendAll's waiting for something, not those inside send or
// the one that called SendAll. Reading the dump orders nothing.
func parkedInKata() int {
	dir, err := os.Getwd()
	if err != nil {
		return 0
	}
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	n := 0
	for _, g := range strings.Split(string(buf), "\n\n") {
		header, frames, _ := strings.Cut(g, "\n")
		if strings.Contains(header, "[running") || strings.Contains(header, "[runnable") {
			continue
		}
		inKata, inSpecs := false, false
		for _, line := range strings.Split(frames, "\n") {
			if strings.HasPrefix(line, "created by ") {
				break // the lines after it say where the goroutine was started
			}
			file, _, _ := strings.Cut(strings.TrimSpace(line), ":")
			if filepath.Dir(file) != dir {
				continue
			}
			if strings.HasSuffix(file, "_test.go") {
				inSpecs = true
			} else {
				inKata = true
			}
		}
		if inKata && !inSpecs {
			n++
		}
	}
	return n
}

// expectParkedUntil fails the spec with BUSY-WAIT if goroutine id, the one
// that called SendAll, is running or runnable in most of up to 20 looks at
// it, taken 10 ms apart until done is closed. harness.ExpectNoBusyWait
// watches every goroutine of the kata, and reports only those still alive
// when its window ends; a loop that watches the clock ends with the beat,
// and sampling beside a spinning goroutine is slow, so this spec looks at the
// one goroutine it knows and decides as soon as it has seen enough.
func expectParkedUntil(id int, done <-chan struct{}) {
	GinkgoHelper()
	looks, busy := 0, 0
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
sampling:
	for looks < 20 {
		select {
		case <-done:
			break sampling
		case <-tick.C:
		}
		switch harness.GoroutineState(id) {
		case "running", "runnable":
			busy++
		case "":
			break sampling
		}
		looks++
	}
	if looks >= 8 && 4*busy >= 3*looks {
		Fail(fmt.Sprintf("BUSY-WAIT: while SendAll had nothing to do but wait for the next beat, the goroutine that called it kept running instead of waiting (running in %d of %d looks).\n"+
			"A loop that checks the clock again and again burns a core while it waits. Block instead: receive from a ticker's or a timer's channel.", busy, looks))
	}
}

var _ = Describe("SendAll", func() {
	var gw *gateway

	BeforeEach(func() {
		gw = newGateway(patients)
	})

	// First in the container (Ginkgo keeps the order of specs within it), so
	// that nothing another spec left behind is running yet.
	Context("while the next beat is still far away", func() {
		It("waits parked for it, not watching the clock", func() {
			// Three reminders a slow beat apart: after the first, each is
			// due a whole beat after the one before, however soon the first
			// went out (a loop that sends the first at once and only then
			// watches the clock is caught as surely as one that watches it
			// from the start). The waits are long enough for the looks
			// below, however slow the machine.
			const slowBeat = 700 * time.Millisecond
			var arrived atomic.Int64
			caller := make(chan int, 1)
			done := make(chan struct{})
			go func() {
				defer close(done)
				caller <- harness.GoroutineID()
				reminders.SendAll([]string{
					"Patient 00: your appointment is tomorrow at 9:00.",
					"Patient 01: your appointment is tomorrow at 10:00.",
					"Patient 02: your appointment is tomorrow at 11:00.",
				}, slowBeat, func(string) error {
					arrived.Add(1)
					return nil
				})
			}()
			expectParkedUntil(<-caller, done)
			Eventually(done).WithTimeout(6 * slowBeat).Should(BeClosed())
			Expect(arrived.Load()).To(Equal(int64(3)))
		})
	})

	// Whatever paces the sends must stop when the batch is over, even if a
	// beat came while the last answers were still awaited.
	Context("when the last answer takes longer than a beat", func() {
		BeforeEach(func() {
			gw.holdLast = true
		})

		It("sends them all at the rate, and leaves nothing waiting to hand out a beat", func() {
			harness.MustFinish(gw.sendAll)
			gw.expectNoFasterThanTheRate()
			gw.expectEveryReminderOnce()
		})
	})

	Context("when the reminders must go out in the order given", func() {
		It("starts each reminder's goroutine at its beat, not all at once to wait for one", func() {
			// Goroutines that all start at once and each wait for a beat
			// take the beats in whatever order they reached the clock, not
			// in the order of msgs, and a batch of thousands holds thousands
			// of goroutines for hours. The order itself cannot be checked
			// without depending on the scheduler; the waiting goroutines can.
			// Looked at from inside each send: a correct SendAll has at most
			// a clock of its own parked there.
			most := 0
			var mu sync.Mutex
			send := gw.send
			harness.MustFinish(func() {
				gw.opened = time.Now()
				gw.errs = reminders.SendAll(gw.msgs, every, func(msg string) error {
					n := parkedInKata()
					mu.Lock()
					most = max(most, n)
					mu.Unlock()
					return send(msg)
				})
			})
			gw.expectEveryReminderOnce()
			mu.Lock()
			defer mu.Unlock()
			Expect(most).To(BeNumerically("<", 3),
				"%d goroutines of SendAll's were parked waiting, outside send, while a send ran: the reminders' goroutines should start at their beats", most)
		})
	})

	// A machine that falls behind: suspended, or busy with something else
	// for a while. A ticker keeps one beat waiting and drops the rest, so a
	// late SendAll catches up by one send; a schedule worked out ahead
	// (message i at start + i*every, a timer per message) sends every message
	// it is late for at once, and the gateway throttles the burst. Here the
	// spec leaves SendAll one core, and the first send keeps it busy for
	// many beats without ever blocking: nothing else runs until the Go
	// scheduler takes the core from it (after 10 ms or so), again and again.
	Context("when SendAll falls many beats behind", func() {
		It("catches up by one send, not with a burst", func() {
			const (
				fastBeat = time.Millisecond
				stall    = 40 * fastBeat // how long the first send keeps the core
				n        = 30
				burst    = 6 // more than a ticker lets through within one beat (two, or three)
			)
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
			msgs := newGateway(n).msgs
			var (
				mu      sync.Mutex
				arrived []time.Duration // when each message arrived, in order
				stalled atomic.Bool
			)
			opened := time.Now()
			harness.MustFinish(func() {
				reminders.SendAll(msgs, fastBeat, func(string) error {
					mu.Lock()
					arrived = append(arrived, time.Since(opened))
					mu.Unlock()
					if stalled.CompareAndSwap(false, true) {
						for begin := time.Now(); time.Since(begin) < stall; {
							// busy, never blocking: holds the one core
						}
					}
					return nil
				})
			})
			mu.Lock()
			defer mu.Unlock()
			Expect(arrived).To(HaveLen(n), "the gateway should get every reminder once")
			most, at := 0, 0
			for k := range arrived {
				j := k
				for j < len(arrived) && arrived[j]-arrived[k] < fastBeat {
					j++
				}
				if j-k > most {
					most, at = j-k, k
				}
			}
			Expect(most).To(BeNumerically("<", burst),
				"after falling behind, SendAll sent %d messages within one beat of %v (from %v after it was called): it caught up with a burst that the gateway throttles. A ticker keeps one beat waiting and drops the rest, so a late loop catches up by one send",
				most, fastBeat, arrived[at].Round(time.Microsecond))
		})
	})

	Context("when there is a single reminder", func() {
		BeforeEach(func() {
			gw = newGateway(1)
		})

		It("sends it", func() {
			harness.MustFinish(gw.sendAll)
			gw.expectEveryReminderOnce()
		})
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
