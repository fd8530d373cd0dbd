package printorder_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	printorder "github.com/racekatas/racekatas/katas/24-fan-out-first-error"
)

// A lab stands in for the print lab's storage. Its upload is the work
// function handed to SendOrder: a photo named "corrupt-…" fails its checksum
// at once, one named "stalled-…" hangs on a dead connection until its
// context is cancelled, one named "slow-…" is stored once the spec lets the
// lab answer (or its context is cancelled), and any other is stored at once.
//
// Each spec builds its own lab, and the uploads it starts touch nothing
// else, so uploads that one spec leaves behind cannot race with the next
// spec's setup.
type lab struct {
	probe *harness.Probe // every upload enters and leaves it

	mu     sync.Mutex // protects stored
	stored []string   // the photos stored, in arrival order

	// closed is written by close, once SendOrder has returned, and read by
	// every upload on its way out, both without a lock on purpose. SendOrder
	// promises that every upload has returned by the time it returns: that
	// return is what orders the reads before the write. An upload still
	// running when SendOrder returns reads closed unordered with the write,
	// and the race detector reports it.
	closed bool
	late   atomic.Int32 // uploads that hung up after the lab closed

	answer   chan struct{} // closed by answerNow: "slow-…" photos may be stored
	answered sync.Once
}

// answerNow lets every "slow-…" upload, running or to come, be stored.
func (l *lab) answerNow() { l.answered.Do(func() { close(l.answer) }) }

func newLab(probe *harness.Probe) *lab {
	return &lab{probe: probe, answer: make(chan struct{})}
}

func (l *lab) upload(ctx context.Context, photo string) error {
	leave := l.probe.Enter()
	defer leave()
	defer l.hangUp() // runs first: before leave takes the probe's lock

	switch {
	case strings.HasPrefix(photo, "corrupt-"):
		return fmt.Errorf("%s: checksum mismatch", photo)
	case strings.HasPrefix(photo, "stalled-"):
		// Nothing comes back on a dead connection: only the context ends
		// the wait. Nobody else will ever cancel it.
		<-ctx.Done()
		return ctx.Err()
	case strings.HasPrefix(photo, "sluggish-"):
		// Soon after the cancel, not at once: hanging up on the lab takes
		// a while. SendOrder must wait that out, however long it is.
		<-ctx.Done()
		select {
		case <-l.answer:
		case <-time.After(sluggishHangUp):
		}
		return ctx.Err()
	case strings.HasPrefix(photo, "slow-"):
		select {
		case <-l.answer:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.stored = append(l.stored, photo)
	return nil
}

// hangUp is the last thing every upload does. It reads closed without a
// lock (see closed).
// sluggishHangUp is how long a "sluggish-…" upload takes to return once
// cancelled: longer than a SendOrder that gives up waiting after a while
// would wait, well short of the deadlock bound.
const sluggishHangUp = 300 * time.Millisecond

func (l *lab) hangUp() {
	if l.closed {
		l.late.Add(1)
	}
}

// close marks the lab closed: the print shop hangs up once the order is sent.
func (l *lab) close() { l.closed = true }

// storedPhotos returns the photos stored so far.
func (l *lab) storedPhotos() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.stored...)
}

// A holdingParent is a parent context that is never cancelled, like
// context.Background, except that it gives a hook into the cancel of any
// context derived from it. The context package asks a parent with an
// AfterFunc method to watch it for the child, and when the child is
// cancelled it calls the stop function that AfterFunc returned: on the
// cancelling goroutine, after the child's Done channel is closed, before
// cancel returns. hold runs there. (That call is how the context package
// of this toolchain detaches a cancelled child: a fact of its
// implementation, which this spec relies on to reach its moment on every
// run.)
type holdingParent struct {
	done chan struct{} // never closed: the job is never cancelled
	hold func()        // run by the first cancel of a child, on its goroutine
}

func (holdingParent) Deadline() (time.Time, bool) { return time.Time{}, false }
func (p holdingParent) Done() <-chan struct{}     { return p.done }
func (holdingParent) Err() error                  { return nil }
func (holdingParent) Value(any) any               { return nil }

// AfterFunc never calls f, since the parent is never cancelled. Its stop
// function runs hold.
func (p holdingParent) AfterFunc(f func()) (stop func() bool) {
	return func() bool {
		p.hold()
		return true
	}
}

// settleUploads returns once the three stalled uploads whose goroutine ids
// arrive on ids have returned, and each of their goroutines has ended or is
// parked (waiting for a lock that the cancelling goroutine holds, say), or
// after a second: a bound, in case SendOrder makes them wait for something
// that the hold itself stops. It only looks: it orders nothing.
func settleUploads(ids <-chan int, returned *atomic.Int32) {
	deadline := time.Now().Add(time.Second)
	for returned.Load() < 3 && time.Now().Before(deadline) {
		runtime.Gosched()
	}
	for range 3 {
		var id int
		select {
		case id = <-ids:
		default:
			return
		}
		for time.Now().Before(deadline) {
			state := harness.GoroutineState(id)
			if state != "running" && state != "runnable" {
				break
			}
			runtime.Gosched()
		}
	}
}

var _ = Describe("SendOrder", func() {
	var shop *lab // the lab of the running spec

	// send runs SendOrder under the deadlock watchdog, closes the lab as
	// soon as it returns, and returns how many uploads hung up after that,
	// and SendOrder's error. The body gets its inputs as locals, read here on the spec
	// goroutine: a body left blocked by a deadlock touches no variable that
	// a later spec writes.
	//
	// The parent context never ends, like a background job's: only
	// SendOrder can stop an upload that stalls.
	//
	// After the close, send only loads an atomic counter. Were it to take a
	// lock that uploads take before they hang up (the probe's, or the lab's
	// when storing a photo), an upload started late could be ordered after
	// the close by that lock, and the race detector would miss it.
	send := func(photos []string) (late int, err error) {
		GinkgoHelper()
		l := shop
		harness.MustFinish(func() { err = printorder.SendOrder(context.Background(), photos, l.upload) })
		l.close()
		return int(l.late.Load()), err
	}

	Context("when every photo uploads", func() {
		BeforeEach(func() {
			// The gate opens once two uploads are inside at once: an order
			// sent one photo at a time waits harness.ProbeWait, and Max
			// stays 1.
			shop = newLab(harness.NewProbe(2))
		})

		It("stores them all, uploading at the same time, and returns nil", func() {
			photos := []string{"beach.jpg", "dunes.jpg", "pier.jpg", "sunset.jpg"}
			late, err := send(photos)

			Expect(err).NotTo(HaveOccurred())
			Expect(late).To(BeZero(), "uploads were still running after SendOrder returned")
			Expect(shop.storedPhotos()).To(ConsistOf(photos))
			Expect(shop.probe.Max()).To(BeNumerically(">=", 2), "the photos were uploaded one after another, not at the same time")
		})
	})

	// The uploads that stall are checked after this spec: the leak check
	// that ends it fails the spec with "LEAK:" if their goroutines are still
	// waiting half a second after SendOrder returned.
	Context("when one photo is corrupt while others are stalled", func() {
		BeforeEach(func() {
			shop = newLab(harness.NewProbe(1))
		})

		It("returns the corrupt photo's error and stops the stalled uploads", func() {
			late, err := send([]string{"stalled-1.tif", "corrupt-2.jpg", "stalled-3.tif", "stalled-4.tif"})

			Expect(err).To(MatchError("corrupt-2.jpg: checksum mismatch"),
				"the order failed because of the corrupt photo, not because its uploads were cancelled")
			Expect(late).To(BeZero(), "uploads were still running after SendOrder returned")
		})
	})

	// Cancelling wakes the stalled uploads at once, and on a busy machine
	// they can report back before the goroutine that cancelled them runs
	// its next line. SendOrder must have recorded the corrupt photo's error
	// before it cancels, not after: otherwise the first error it sees may be
	// the context.Canceled of an upload it stopped itself. The spec's parent
	// context holds the cancelling goroutine just after the cancel (see
	// holdingParent) until the woken uploads have returned and settled, so
	// that this moment comes on every run.
	Context("when the stopped uploads report back at once", func() {
		BeforeEach(func() {
			// The corrupt photo fails only once all four are inside: every
			// stalled upload is waiting when the order is voided.
			shop = newLab(harness.NewProbe(4))
		})

		It("returns the corrupt photo's error, not theirs", func() {
			l := shop
			stalled := make(chan int, 3) // the goroutine ids of the stalled uploads
			var returned atomic.Int32    // stalled uploads that have returned
			upload := func(ctx context.Context, photo string) error {
				if !strings.HasPrefix(photo, "stalled-") {
					return l.upload(ctx, photo)
				}
				stalled <- harness.GoroutineID()
				defer returned.Add(1)
				return l.upload(ctx, photo)
			}
			parent := holdingParent{done: make(chan struct{}), hold: func() {
				settleUploads(stalled, &returned)
			}}
			var err error
			harness.MustFinish(func() {
				err = printorder.SendOrder(parent, []string{"stalled-1.tif", "corrupt-2.jpg", "stalled-3.tif", "stalled-4.tif"}, upload)
			})
			l.close()

			Expect(err).To(MatchError("corrupt-2.jpg: checksum mismatch"),
				"the order failed because of the corrupt photo, not because its uploads were cancelled")
			Expect(int(l.late.Load())).To(BeZero(), "uploads were still running after SendOrder returned")
		})
	})

	// Two uploads that fail at once both try to become "the first error":
	// whatever keeps it must order the two against each other. The two bad
	// photos fail together, released by one barrier, and then touch nothing
	// that could order them (not even the lab's probe).
	Context("when one photo is corrupt while others take a while to stop", func() {
		BeforeEach(func() {
			shop = newLab(harness.NewProbe(1))
		})

		It("returns the error only once those have returned", func() {
			late, err := send([]string{"sluggish-1.tif", "corrupt-2.jpg", "sluggish-3.tif"})

			Expect(err).To(MatchError("corrupt-2.jpg: checksum mismatch"))
			Expect(late).To(BeZero(), "SendOrder gave up waiting for uploads still hanging up, and returned while they ran")
		})
	})

	// However long the uploads take to hang up once cancelled, SendOrder
	// waits for them: their contract ("return soon after the cancel") is
	// the only bound. A fake clock lets a day pass while one upload is held
	// in its hang-up, so a wait bounded by a timer of any length gives up
	// within that day, and the spec sees SendOrder return too early.
	Context("when a stopped upload takes however long to hang up", func() {
		It("is still waiting for it a day later, then returns the error", func() {
			harness.MustFinish(func() {
				harness.WithFakeTime(func() {
					hangUp := make(chan struct{}) // closed by the spec: the held upload may return
					var released sync.Once
					release := func() { released.Do(func() { close(hangUp) }) }
					defer release()

					upload := func(ctx context.Context, photo string) error {
						if photo == "corrupt-2.jpg" {
							return fmt.Errorf("%s: checksum mismatch", photo)
						}
						<-ctx.Done()
						<-hangUp
						return ctx.Err()
					}
					result := make(chan error, 1)
					go func() {
						result <- printorder.SendOrder(context.Background(), []string{"hanging-up-1.tif", "corrupt-2.jpg"}, upload)
					}()

					time.Sleep(24 * time.Hour) // at once, on the fake clock
					Expect(result).NotTo(Receive(),
						"SendOrder returned while an upload it had cancelled was still hanging up: it must wait for every upload, however long")
					release()
					Expect(<-result).To(MatchError("corrupt-2.jpg: checksum mismatch"))
				})
			})
		})
	})

	Context("when two photos are corrupt at once while others are stalled", func() {
		BeforeEach(func() {
			shop = newLab(harness.NewProbe(1))
		})

		It("returns one of the two errors and stops the stalled uploads", func() {
			l := shop
			var arrived atomic.Int32
			together := make(chan struct{})
			upload := func(ctx context.Context, photo string) error {
				if !strings.HasPrefix(photo, "corrupt-") {
					return l.upload(ctx, photo)
				}
				if arrived.Add(1) == 2 {
					close(together)
				}
				<-together
				return fmt.Errorf("%s: checksum mismatch", photo)
			}
			var err error
			harness.MustFinish(func() {
				err = printorder.SendOrder(context.Background(),
					[]string{"stalled-1.tif", "corrupt-2.jpg", "corrupt-3.jpg", "stalled-4.tif"}, upload)
			})
			l.close()

			Expect(err).To(Or(MatchError("corrupt-2.jpg: checksum mismatch"), MatchError("corrupt-3.jpg: checksum mismatch")))
			Expect(int(l.late.Load())).To(BeZero(), "uploads were still running after SendOrder returned")
		})
	})

	Context("when a photo fails after the others were stored", func() {
		BeforeEach(func() {
			shop = newLab(harness.NewProbe(1))
		})

		It("returns the failure, not the earlier successes", func() {
			l := shop
			var stored atomic.Int32
			allStored := make(chan struct{})
			upload := func(ctx context.Context, photo string) error {
				if !strings.HasPrefix(photo, "corrupt-") {
					err := l.upload(ctx, photo)
					if stored.Add(1) == 2 {
						close(allStored)
					}
					return err
				}
				<-allStored
				return fmt.Errorf("%s: checksum mismatch", photo)
			}
			var err error
			harness.MustFinish(func() {
				err = printorder.SendOrder(context.Background(), []string{"beach.jpg", "corrupt-2.jpg", "dunes.jpg"}, upload)
			})
			Expect(err).To(MatchError("corrupt-2.jpg: checksum mismatch"))
			Expect(l.storedPhotos()).To(ConsistOf("beach.jpg", "dunes.jpg"))
		})
	})

	Context("while the uploads are still in progress", func() {
		BeforeEach(func() {
			shop = newLab(harness.NewProbe(1))
			DeferCleanup(shop.answerNow)
		})

		It("waits parked for them, not polling", func() {
			l := shop
			photos := []string{"slow-1.tif", "slow-2.tif", "slow-3.tif"}
			result := make(chan error, 1)
			go func() { result <- printorder.SendOrder(context.Background(), photos, l.upload) }()
			Eventually(l.probe.InFlight).WithTimeout(time.Second).Should(Equal(len(photos)))
			// Every upload waits for the lab; SendOrder has nothing to do
			// but wait for them.
			harness.ExpectNoBusyWait()
			l.answerNow()
			Eventually(result).WithTimeout(time.Second).Should(Receive(BeNil()))
			Expect(l.storedPhotos()).To(ConsistOf(photos))
		})
	})

	Context("when several orders are sent at once and one fails", func() {
		BeforeEach(func() {
			shop = newLab(harness.NewProbe(1))
		})

		It("fails that order only, and stores the others", func() {
			l := shop
			orders := [][]string{
				{"a1.jpg", "a2.jpg"},
				{"stalled-b1.tif", "corrupt-b2.jpg"},
				{"c1.jpg", "c2.jpg"},
				{"d1.jpg", "d2.jpg"},
			}
			errs := make([]error, len(orders))
			harness.MustFinish(func() {
				harness.Stress(len(orders), func(i int) {
					errs[i] = printorder.SendOrder(context.Background(), orders[i], l.upload)
				})
			})
			Expect(errs[1]).To(MatchError("corrupt-b2.jpg: checksum mismatch"))
			for _, i := range []int{0, 2, 3} {
				Expect(errs[i]).NotTo(HaveOccurred(), "order %d had no bad photo", i)
			}
			Expect(l.storedPhotos()).To(ConsistOf("a1.jpg", "a2.jpg", "c1.jpg", "c2.jpg", "d1.jpg", "d2.jpg"))
		})
	})

	// The caller may call off the job: then its uploads end with
	// context.Canceled, and the order was not sent. Only the Canceled of
	// uploads that SendOrder stopped itself, after another upload failed,
	// hides behind that failure.
	Context("when the caller cancels the job while photos are uploading", func() {
		It("returns the cancellation, not nil", func() {
			job, callOff := context.WithCancel(context.Background())
			DeferCleanup(callOff)
			var started atomic.Int32
			// Each upload hangs on a dead connection until its context ends;
			// the job is called off once both are under way. (No lab here:
			// this spec looks only at what SendOrder reports.)
			upload := func(ctx context.Context, photo string) error {
				if started.Add(1) == 2 {
					callOff()
				}
				<-ctx.Done()
				return ctx.Err()
			}
			var err error
			harness.MustFinish(func() {
				err = printorder.SendOrder(job, []string{"stalled-1.tif", "stalled-2.tif"}, upload)
			})

			Expect(err).To(MatchError(context.Canceled),
				"the job was called off and no photo was uploaded: SendOrder must not report the order as sent")
		})
	})

	Context("when the order is empty", func() {
		BeforeEach(func() {
			shop = newLab(harness.NewProbe(1))
		})

		It("returns nil without uploading anything", func() {
			_, err := send(nil)

			Expect(err).NotTo(HaveOccurred())
			Expect(shop.probe.Calls()).To(BeZero())
		})
	})
})
