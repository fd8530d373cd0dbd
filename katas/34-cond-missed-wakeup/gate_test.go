package boarding_test

import (
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	boarding "github.com/racekatas/racekatas/katas/34-cond-missed-wakeup"
)

// boardAtOnce sends each named passenger to gate g on a goroutine of its own,
// waits until every one of them is waiting there, opens boarding and waits
// until they have all boarded, under the deadlock watchdog.
//
// Board counts a passenger as waiting and starts to Wait under one hold of
// the gate's lock, and Waiting takes that lock: once Waiting reports them
// all, every passenger is inside Wait, so Open comes after each one started
// waiting, on every run.
//
// The gate is an argument, not a spec variable: a body stuck in a deadlock
// keeps running after its spec and must not read what the next spec's setup
// writes.
func boardAtOnce(g *boarding.Gate, names []string) {
	GinkgoHelper()
	harness.MustFinish(func() {
		var wg sync.WaitGroup
		for _, name := range names {
			wg.Add(1)
			go func() {
				defer wg.Done()
				g.Board(name)
			}()
		}
		Eventually(g.Waiting).WithTimeout(time.Second).WithPolling(time.Millisecond).
			Should(Equal(len(names)), "not every passenger reached the gate")
		g.Open()
		wg.Wait()
	})
}

var _ = Describe("Gate", func() {
	var gate *boarding.Gate

	BeforeEach(func() {
		gate = boarding.NewGate()
	})

	Context("when boarding opens before the passenger reaches the gate", func() {
		It("boards the passenger at once", func() {
			g := gate
			harness.MustFinish(g.Open)
			harness.MustFinish(func() { g.Board("Ada") })
			Expect(g.Boarded()).To(Equal([]string{"Ada"}))
			Expect(g.Waiting()).To(BeZero(), "a passenger who boarded is still counted at the gate")
		})
	})

	Context("when one passenger is waiting as boarding opens", func() {
		It("boards that passenger", func() {
			boardAtOnce(gate, []string{"Ada"})
			Expect(gate.Boarded()).To(Equal([]string{"Ada"}))
			Expect(gate.Waiting()).To(BeZero())
		})
	})

	Context("when a crowd is waiting as boarding opens", func() {
		It("boards every passenger in the crowd", func() {
			crowd := []string{"Ada", "Barbara", "Edsger", "Grace"}
			boardAtOnce(gate, crowd)
			Expect(gate.Boarded()).To(ConsistOf(crowd))
			Expect(gate.Waiting()).To(BeZero())
		})
	})
})
