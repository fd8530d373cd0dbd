package outbox_test

import (
	"fmt"
	"sync"
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

	mu   sync.Mutex  // protects sent
	sent map[int]int // how many times each mail was sent
}

func newMailRoom() *mailRoom {
	return &mailRoom{
		probe:   harness.NewProbe(1),
		started: make(chan int, 2*mails),
		gate:    make(chan struct{}),
		sent:    map[int]int{},
	}
}

// send is the work function handed to the outbox.
func (r *mailRoom) send(m outbox.Mail) {
	leave := r.probe.Enter()
	defer leave()
	r.started <- m.ID
	<-r.gate
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

var _ = Describe("Outbox", func() {
	var room *mailRoom // the mail server of the running spec

	BeforeEach(func() {
		room = newMailRoom()
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
})
