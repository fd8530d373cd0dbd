package printorder_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	printorder "github.com/racekatas/racekatas/katas/24-fan-out-first-error"
)

// A lab stands in for the print lab's storage. Its upload is the work
// function handed to SendOrder: a photo named "corrupt-…" fails its checksum
// at once, one named "stalled-…" hangs on a dead connection until its
// context is cancelled, and any other is stored at once.
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
}

func newLab(probe *harness.Probe) *lab { return &lab{probe: probe} }

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
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.stored = append(l.stored, photo)
	return nil
}

// hangUp is the last thing every upload does. It reads closed without a
// lock (see closed).
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
