package outbox_test

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing/synctest"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	outbox "github.com/racekatas/racekatas/katas/29-graceful-daemon"
)

// Every spec starts an outbox with a pool of `workers`, submits `mails`
// receipts (room for all of them in the queue) and shuts it down while
// `workers` of them are being sent and the rest still wait in the queue.
const (
	workers  = 3
	capacity = 16
	mails    = 15
)

// A mailRoom is one spec's mail server. Its send records every mail it is
// given, but first holds it at a gate that the spec opens only once Shutdown
// has been called: at shutdown, every worker is busy and the queue is full,
// on every run. Each spec builds its own, so the workers of an outbox that
// was never shut down touch nothing a later spec uses.
type mailRoom struct {
	probe   *harness.Probe // counts the mails in send; its gate is open from the start
	started chan int       // receives each mail's ID as its send begins; never fills
	gate    chan struct{}  // closed by the spec; send waits for it
	tokens  chan struct{}  // each value lets one send through the shut gate

	mu   sync.Mutex  // protects sent
	sent map[int]int // how many times each mail was sent
}

func newMailRoom() *mailRoom {
	return &mailRoom{
		probe:   harness.NewProbe(1),
		started: make(chan int, 2*mails),
		gate:    make(chan struct{}),
		tokens:  make(chan struct{}, mails),
		sent:    map[int]int{},
	}
}

// send is the work function handed to the outbox.
func (r *mailRoom) send(m outbox.Mail) {
	leave := r.probe.Enter()
	defer leave()
	r.started <- m.ID
	select {
	case <-r.gate:
	case <-r.tokens:
	}
	r.mu.Lock()
	r.sent[m.ID]++
	r.mu.Unlock()
}

// sentSoFar returns a copy of what has been sent.
func (r *mailRoom) sentSoFar() map[int]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	sent := make(map[int]int, len(r.sent))
	for id, n := range r.sent {
		sent[id] = n
	}
	return sent
}

// receipt is the mail the checkout hands over for order id.
func receipt(id int) outbox.Mail {
	return outbox.Mail{ID: id, To: fmt.Sprintf("customer%02d@example.org", id)}
}

// deploy is what one spec saw of a deploy.
type deploy struct {
	sentAtReturn map[int]int // what had been sent when Shutdown returned
	lateErr      error       // what Submit returned after Shutdown
	atOnce       int         // the most mails in send at the same time
}

// busyDeploy does what a deploy does to an outbox in the middle of a rush:
// it starts one on room, submits `mails` receipts, waits until every worker
// is busy sending (the rest of the mail is then queued), calls Shutdown, and
// submits one more receipt once Shutdown has returned.
//
// room's gate opens once Shutdown has returned, or harness.ProbeWait after it
// was called, whichever comes first: a Shutdown that waits for the mail costs
// one ProbeWait; one that does not returns with the gate still shut, and so
// with nothing sent.
//
// Then it checks the promise Shutdown makes to the process that exits right
// after it, whatever else a spec looks at: nothing accepted is left unsent.
func busyDeploy(room *mailRoom) deploy {
	GinkgoHelper()
	var got deploy
	harness.MustFinish(func() {
		box := outbox.Start(workers, capacity, room.send)
		for id := 1; id <= mails; id++ {
			Expect(box.Submit(receipt(id))).To(Succeed(), "Submit refused mail before Shutdown")
		}
		for range workers {
			<-room.started
		}

		returned := make(chan struct{})
		opened := make(chan struct{})
		go func() {
			defer close(opened)
			timer := time.NewTimer(harness.ProbeWait)
			defer timer.Stop()
			select {
			case <-returned:
			case <-timer.C:
			}
			close(room.gate)
		}()

		box.Shutdown()
		// Read before the gate can open on return: a Shutdown that did not
		// wait finds nothing sent yet.
		got.sentAtReturn = room.sentSoFar()
		close(returned)
		<-opened

		got.lateErr = box.Submit(receipt(mails + 1))
	})
	got.atOnce = room.probe.Max()

	Expect(got.sentAtReturn).To(HaveLen(mails),
		"Shutdown returned with %d of the %d mails it accepted still unsent: they are lost when the process exits",
		mails-len(got.sentAtReturn), mails)
	return got
}

// parkedOrGone reports whether goroutine id is blocked (on a channel, a
// lock, a WaitGroup...) or has ended: not running, and not about to.
func parkedOrGone(id int) func() bool {
	return func() bool {
		switch harness.GoroutineState(id) {
		case "running", "runnable":
			return false
		}
		return true
	}
}

// expectAllSent checks what had been sent when a Shutdown returned: each of
// the mails 1 to n exactly once.
func expectAllSent(sentAtReturn map[int]int, n int) {
	GinkgoHelper()
	want := map[int]int{}
	for id := 1; id <= n; id++ {
		want[id] = 1
	}
	for id := range sentAtReturn {
		if id > n {
			want[id] = 1 // checked by the caller
		}
	}
	Expect(sentAtReturn).To(Equal(want),
		"Shutdown returned before every mail it accepted was sent (times each mail was sent, by mail ID)")
}

var _ = Describe("Outbox", func() {
	var room *mailRoom // the mail server of the running spec

	BeforeEach(func() {
		room = newMailRoom()
	})

	// First in the container (Ginkgo keeps the order of specs within it), so
	// that nothing another spec left behind is running yet.
	Context("while Shutdown waits for the mail still being sent", func() {
		It("waits parked, not polling, and returns once all of it is sent", func() {
			r := room
			box := outbox.Start(workers, capacity, r.send)
			for id := 1; id <= mails; id++ {
				Expect(box.Submit(receipt(id))).To(Succeed())
			}
			for range workers {
				<-r.started
			}
			var sentAtReturn map[int]int
			returned := make(chan struct{})
			go func() {
				defer GinkgoRecover()
				defer close(returned)
				box.Shutdown()
				sentAtReturn = r.sentSoFar()
			}()
			// Every worker is held in send: Shutdown has nothing to do but
			// wait for them.
			harness.ExpectNoBusyWait()
			close(r.gate)
			Eventually(returned).WithTimeout(time.Second).Should(BeClosed())
			expectAllSent(sentAtReturn, mails)
		})
	})

	// A Submit that passed its check of "closed" and waits for room in a full
	// queue is still sending when Shutdown is called. Whatever Submit and
	// Shutdown do, that send must not meet a closed queue, and the mail must
	// be either refused or sent.
	Context("when a Submit is waiting for room as Shutdown is called", func() {
		It("either refuses that mail or sends it, and sends all the others", func() {
			r := room
			box := outbox.Start(workers, capacity, r.send)
			filled := workers + capacity // every worker busy, every slot taken
			for id := 1; id <= filled; id++ {
				Expect(box.Submit(receipt(id))).To(Succeed())
			}
			for range workers {
				<-r.started
			}

			late := filled + 1
			var lateErr error
			submitter := make(chan int, 1)
			submitted := make(chan struct{})
			go func() {
				defer GinkgoRecover()
				defer close(submitted)
				submitter <- harness.GoroutineID()
				lateErr = box.Submit(receipt(late))
			}()
			Eventually(parkedOrGone(<-submitter)).WithTimeout(time.Second).Should(BeTrue())

			var sentAtReturn map[int]int
			stopper := make(chan int, 1)
			returned := make(chan struct{})
			go func() {
				defer GinkgoRecover()
				defer close(returned)
				stopper <- harness.GoroutineID()
				box.Shutdown()
				sentAtReturn = r.sentSoFar()
			}()
			stopperID := <-stopper
			Eventually(parkedOrGone(stopperID)).WithTimeout(time.Second).Should(BeTrue())

			// One mail goes out: a worker takes the next from the queue, and
			// that makes room for the waiting Submit. Then, once Shutdown has
			// gone back to waiting (or has returned), the rest.
			r.tokens <- struct{}{}
			Eventually(submitted).WithTimeout(time.Second).Should(BeClosed())
			Eventually(parkedOrGone(stopperID)).WithTimeout(time.Second).Should(BeTrue())
			close(r.gate)
			Eventually(returned).WithTimeout(time.Second).Should(BeClosed())
			if lateErr == nil {
				Expect(sentAtReturn).To(HaveKeyWithValue(late, 1), "Submit accepted the mail, yet Shutdown returned without sending it")
			} else {
				Expect(lateErr).To(MatchError(outbox.ErrClosed))
				Expect(sentAtReturn).NotTo(HaveKey(late), "Submit refused the mail, yet it was sent")
			}
			expectAllSent(sentAtReturn, filled)
		})
	})

	// Once Shutdown has been called, Submit refuses: it waits only while the
	// queue is full, and here it is not. A Shutdown that keeps the lock while
	// it waits for the mail to go out holds every checkout that submits
	// during the drain until the last mail is sent.
	Context("when the checkout submits while Shutdown waits for the mail still being sent", func() {
		It("refuses the mail at once, without waiting for the queue to drain", func() {
			r := room
			box := outbox.Start(workers, capacity, r.send)
			for id := 1; id <= mails; id++ {
				Expect(box.Submit(receipt(id))).To(Succeed())
			}
			for range workers {
				<-r.started
			}
			var sentAtReturn map[int]int
			stopper := make(chan int, 1)
			returned := make(chan struct{})
			go func() {
				defer GinkgoRecover()
				defer close(returned)
				stopper <- harness.GoroutineID()
				box.Shutdown()
				sentAtReturn = r.sentSoFar()
			}()
			// The mail server holds every worker in send: Shutdown has shut
			// the door and has nothing left to do but wait for them.
			Eventually(parkedOrGone(<-stopper)).WithTimeout(time.Second).Should(BeTrue())
			opened := false
			defer func() {
				if !opened {
					close(r.gate) // also when a check fails
				}
			}()

			late := mails + 1
			var lateErr error
			submitted := make(chan struct{})
			go func() {
				defer GinkgoRecover()
				defer close(submitted)
				lateErr = box.Submit(receipt(late))
			}()
			Eventually(submitted).WithTimeout(time.Second).Should(BeClosed(),
				"Submit was still waiting a second after Shutdown had been called, with room in the queue: a checkout that submits during the drain hangs until the last mail is sent, instead of being refused")
			Expect(lateErr).To(MatchError(outbox.ErrClosed))

			opened = true
			close(r.gate)
			Eventually(returned).WithTimeout(time.Second).Should(BeClosed())
			expectAllSent(sentAtReturn, mails)
			Expect(sentAtReturn).NotTo(HaveKey(late), "a mail submitted after Shutdown was sent")
		})
	})

	// A daemon is often told to stop twice: by a signal handler and a
	// deferred call, or by two signals.
	Context("when Shutdown is called twice at once", func() {
		It("lets both calls return once every mail is sent", func() {
			r := room
			box := outbox.Start(workers, capacity, r.send)
			for id := 1; id <= mails; id++ {
				Expect(box.Submit(receipt(id))).To(Succeed())
			}
			for range workers {
				<-r.started
			}
			ids := make(chan int, 2)
			atReturn := make([]map[int]int, 2)
			returned := make(chan struct{})
			go func() {
				defer GinkgoRecover()
				defer close(returned)
				harness.Stress(2, func(i int) {
					ids <- harness.GoroutineID()
					box.Shutdown()
					atReturn[i] = r.sentSoFar()
				})
			}()
			for range 2 {
				Eventually(parkedOrGone(<-ids)).WithTimeout(time.Second).Should(BeTrue())
			}
			close(r.gate)
			Eventually(returned).WithTimeout(time.Second).Should(BeClosed())
			for _, sent := range atReturn {
				expectAllSent(sent, mails)
			}
		})
	})

	// Two Shutdowns at the very same moment meet only in a window of a few
	// instructions: one call has looked at a flag and not yet set it when
	// the other looks. Two calls at once on one daemon almost never hit it,
	// so this spec makes many daemons, releases both Shutdowns of every one
	// of them together from one barrier, on more threads than there are
	// cores, round after round, until a queue is closed twice or the
	// budget is spent.
	Context("when many daemons are each told to stop twice at the very same moment", func() {
		It("closes each one's queue once, whichever call gets there first", func() {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
			const daemons = 64 // per round

			// Rounds go on until a queue is closed twice or this fires: a
			// correct Shutdown costs all of it.
			budget := time.NewTimer(1500 * time.Millisecond)
			defer budget.Stop()
			var panicked atomic.Bool // a Shutdown panicked: stop at the end of the round
			harness.MustFinishWithin(5*time.Second, func() {
				for round := 0; !panicked.Load(); round++ {
					// The first round's first daemon also sends a mail, to
					// learn which goroutine is its worker.
					workerID := make(chan int, 1)
					boxes := make([]*outbox.Outbox, daemons)
					for i := range boxes {
						send := func(outbox.Mail) {}
						if round == 0 && i == 0 {
							send = func(outbox.Mail) { workerID <- harness.GoroutineID() }
						}
						boxes[i] = outbox.Start(1, 1, send)
					}
					if round == 0 {
						Expect(boxes[0].Submit(receipt(1))).To(Succeed())
					}
					// Calls 2k and 2k+1 both stop daemon k; the barrier
					// releases all of them at once.
					harness.Stress(2*daemons, func(i int) {
						defer func() {
							if r := recover(); r != nil {
								panicked.Store(true)
								panic(r) // on to the spec, as it came
							}
						}()
						boxes[i/2].Shutdown()
					})
					if round == 0 && !panicked.Load() {
						// Once, not every round: a Shutdown that leaves the
						// pool behind would leave thousands of workers here.
						id := <-workerID
						Eventually(func() string { return harness.GoroutineState(id) }).WithTimeout(time.Second).Should(BeEmpty(),
							"both Shutdowns returned with the worker still waiting for mail: it outlives the outbox")
					}
					select {
					case <-budget.C:
						return
					default:
					}
				}
			})
		})
	})

	// Start's queue is the mail that may wait for a worker: no more. The
	// checkout is held back when it is full, rather than the outbox growing
	// without bound or dropping the mail.
	Context("when every worker is busy and the queue is full", func() {
		It("makes Submit wait for room, then takes the mail", func() {
			r := room
			box := outbox.Start(workers, capacity, r.send)
			filled := workers + capacity
			for id := 1; id <= filled; id++ {
				Expect(box.Submit(receipt(id))).To(Succeed())
			}
			for range workers {
				<-r.started
			}

			late := filled + 1
			var lateErr error
			submitter := make(chan int, 1)
			submitted := make(chan struct{})
			go func() {
				defer GinkgoRecover()
				defer close(submitted)
				submitter <- harness.GoroutineID()
				lateErr = box.Submit(receipt(late))
			}()
			Eventually(parkedOrGone(<-submitter)).WithTimeout(time.Second).Should(BeTrue())
			Expect(submitted).NotTo(BeClosed(),
				"Submit returned at once, though %d mails were already waiting in a queue of %d", capacity, capacity)

			// One mail goes out: a worker takes the next from the queue, and
			// that makes room for the waiting Submit.
			r.tokens <- struct{}{}
			Eventually(submitted).WithTimeout(time.Second).Should(BeClosed())
			Expect(lateErr).NotTo(HaveOccurred())

			// The gate opens once Shutdown has returned, or ProbeWait after
			// it was called: a Shutdown that does not wait finds the mail
			// still unsent.
			returned := make(chan struct{})
			go func() {
				timer := time.NewTimer(harness.ProbeWait)
				defer timer.Stop()
				select {
				case <-returned:
				case <-timer.C:
				}
				close(r.gate)
			}()
			var sentAtReturn map[int]int
			harness.MustFinish(func() {
				box.Shutdown()
				sentAtReturn = r.sentSoFar()
				close(returned)
			})
			expectAllSent(sentAtReturn, late)
		})
	})

	Context("when mail is still queued at shutdown", func() {
		It("sends every mail it accepted, exactly once, before Shutdown returns", func() {
			got := busyDeploy(room)

			want := map[int]int{}
			for id := 1; id <= mails; id++ {
				want[id] = 1
			}
			Expect(got.sentAtReturn).To(Equal(want), "times each mail was sent, by mail ID")
		})
	})

	Context("when the checkout submits after shutdown", func() {
		It("refuses the mail with ErrClosed", func() {
			got := busyDeploy(room)

			Expect(got.lateErr).To(MatchError(outbox.ErrClosed))
			Expect(room.sentSoFar()).NotTo(HaveKey(mails+1), "a mail submitted after Shutdown was sent")
		})
	})

	Context("when more mail is queued than there are workers", func() {
		It("sends exactly `workers` mails at a time", func() {
			got := busyDeploy(room)

			Expect(got.atOnce).To(Equal(workers), "mails in send at the busiest moment")
		})
	})

	// Last, so that the workers an outbox left behind here, blocked for good
	// on the fake clock, are all a failure leaves behind.
	Context("when the mail server takes longer than any timeout Shutdown could set", func() {
		It("still waits for the mail being sent, and for every worker to return", func() {
			harness.MustFinish(func() {
				harness.WithFakeTime(func() {
					hold := make(chan struct{}) // the mail server answers once it is closed
					released := false
					defer func() {
						if !released {
							close(hold) // also when a check fails
						}
					}()
					workerIDs := make(chan int, workers)
					sent := make(chan int, workers)
					send := func(m outbox.Mail) {
						workerIDs <- harness.GoroutineID()
						<-hold
						sent <- m.ID
					}
					box := outbox.Start(workers, capacity, send)
					for id := 1; id <= workers; id++ {
						Expect(box.Submit(receipt(id))).To(Succeed())
					}
					// Each worker is in send, with a mail of its own: the
					// queue is empty, and only the workers are busy.
					ids := make([]int, workers)
					for i := range ids {
						ids[i] = <-workerIDs
					}

					sentAtReturn := -1
					returned := make(chan struct{})
					go func() {
						defer close(returned)
						box.Shutdown()
						sentAtReturn = len(sent)
					}()
					// On a fake clock a day passes the moment every
					// goroutine waits: a Shutdown that gives up after a
					// timeout, however long, has returned by then.
					time.Sleep(24 * time.Hour)
					Expect(returned).NotTo(BeClosed(),
						"Shutdown returned while every worker was still sending a mail: it stopped waiting (after a timeout?), and the process exits with that mail unsent")

					released = true
					close(hold)
					<-returned
					Expect(sentAtReturn).To(Equal(workers), "mails sent when Shutdown returned")

					// Once every other goroutine here has ended or is
					// parked for good, none of them may be a worker.
					synctest.Wait()
					left := 0
					for _, id := range ids {
						if harness.GoroutineState(id) != "" {
							left++
						}
					}
					Expect(left).To(BeZero(),
						"Shutdown returned with %d of the %d workers still waiting for mail: they outlive the outbox", left, workers)
				})
			})
		})
	})
})
