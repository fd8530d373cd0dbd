package tickets_test

import (
	"fmt"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	tickets "github.com/racekatas/racekatas/katas/14-unbuffered-send"
)

// rush is the fewest orders that arrive at once in the busy spec: more
// tickets than any small buffer can hold.
const rush = 500

// cook receives tickets until the channel is closed, as the line cook does,
// and returns them in the order they arrived. It only returns if the channel
// is closed.
func cook(ch <-chan tickets.Ticket) []tickets.Ticket {
	var got []tickets.Ticket
	for t := range ch {
		got = append(got, t)
	}
	return got
}

// printAll prints a ticket for every order and lets the cook take them all,
// under the deadlock watchdog.
//
// orders is an argument, evaluated on the spec's goroutine, not a variable
// the body reads: a body that deadlocks keeps running after its spec, and
// reading a spec variable from there would race with the next spec's setup.
func printAll(orders []string) (got []tickets.Ticket) {
	GinkgoHelper()
	harness.MustFinish(func() { got = cook(tickets.Numbered(orders)) })
	return got
}

var _ = Describe("Numbered", func() {
	var (
		orders []string
		want   []tickets.Ticket
	)

	Context("when the kitchen has a few orders", func() {
		BeforeEach(func() {
			orders = []string{"soup", "risotto", "tiramisu"}
			want = []tickets.Ticket{
				{No: 1, Order: "soup"},
				{No: 2, Order: "risotto"},
				{No: 3, Order: "tiramisu"},
			}
		})

		It("prints one ticket per order, numbered from 1 in order", func() {
			Expect(printAll(orders)).To(Equal(want))
		})
	})

	Context("when a rush brings more orders than the channel can hold", func() {
		It("prints them all, then closes the channel", func() {
			// However big a buffer is, a rush can outgrow it. The channel
			// Numbered returns for a single order shows how much room this
			// code gives a channel; the rush then brings one ticket more than
			// that, and never fewer than rush. Code whose buffer grows with
			// the orders, or whose sends wait on a goroutine of their own,
			// prints them all; a fixed buffer fills up before Numbered
			// returns. The cook stops only once the channel is closed.
			var room int
			harness.MustFinish(func() {
				ch := tickets.Numbered([]string{"bread"})
				room = cap(ch)
				cook(ch)
			})

			n := max(rush, room+1)
			orders, want := make([]string, n), make([]tickets.Ticket, n)
			for i := range n {
				orders[i] = fmt.Sprintf("table %d", i+1)
				want[i] = tickets.Ticket{No: i + 1, Order: orders[i]}
			}
			Expect(printAll(orders)).To(Equal(want), "a rush of %d orders", n)
		})
	})

	Context("when two kitchens print their tickets at the same time", func() {
		It("gives each cook its own tickets, numbered from 1 in order", func() {
			var got [2][]tickets.Ticket
			harness.MustFinish(func() {
				harness.Stress(2, func(k int) {
					got[k] = cook(tickets.Numbered([]string{
						fmt.Sprintf("kitchen %d: soup", k), fmt.Sprintf("kitchen %d: pie", k),
					}))
				})
			})
			for k := range got {
				Expect(got[k]).To(Equal([]tickets.Ticket{
					{No: 1, Order: fmt.Sprintf("kitchen %d: soup", k)},
					{No: 2, Order: fmt.Sprintf("kitchen %d: pie", k)},
				}), "kitchen %d", k)
			}
		})
	})

	Context("when the cook spends a long time over one dish", func() {
		It("keeps the next tickets until the cook comes back, however long that takes", func() {
			// The cook takes the first ticket, then is at the stove for a
			// day before coming back for the next. On a fake clock the day
			// passes at once, as soon as the printer and the cook are both
			// waiting, so a printer that gives up on a ticket after a
			// timeout, of any length, has given up by the time the cook
			// returns. Every ticket must still be there, in order.
			want := []tickets.Ticket{
				{No: 1, Order: "soup"},
				{No: 2, Order: "slow-roast lamb"},
				{No: 3, Order: "tiramisu"},
			}
			var got []tickets.Ticket
			harness.MustFinish(func() {
				harness.WithFakeTime(func() {
					ch := tickets.Numbered([]string{"soup", "slow-roast lamb", "tiramisu"})
					first, open := <-ch
					if open {
						got = append(got, first)
					}
					time.Sleep(24 * time.Hour) // fake: passes as soon as all wait
					got = append(got, cook(ch)...)
				})
			})
			Expect(got).To(Equal(want),
				"the cook came back after a long dish and found tickets missing: the printer must wait for the cook to take each ticket, however long that takes, not drop it after a timeout")
		})
	})

	Context("when there are no orders", func() {
		It("returns a channel that is already closed", func() {
			var (
				first tickets.Ticket
				open  bool
			)
			harness.MustFinish(func() { first, open = <-tickets.Numbered(nil) })
			Expect(open).To(BeFalse(), "received %+v from a channel that should be closed and empty", first)
		})
	})
})
