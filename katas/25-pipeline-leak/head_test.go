package loghead_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing/synctest"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	loghead "github.com/racekatas/racekatas/katas/25-pipeline-leak"
)

// liveLog returns the reader of a log that never ends: a server still
// running, one request after another.
//
// Each call returns a reader of its own, whose state only the goroutine
// that calls it touches: stages that one spec leaves behind share nothing
// with the next spec.
func liveLog() func() (string, bool) {
	i := 0
	return func() (string, bool) {
		i++
		return fmt.Sprintf("INFO request %d served", i), true
	}
}

// fileLog returns the reader of a log that holds lines, and then ends.
func fileLog(lines ...string) func() (string, bool) {
	i := 0
	return func() (string, bool) {
		if i == len(lines) {
			return "", false
		}
		i++
		return lines[i-1], true
	}
}

// head runs Head under the deadlock watchdog. read and n are arguments,
// evaluated on the spec's goroutine: a body left blocked by a deadlock reads
// no variable that a later spec writes.
func head(read func() (string, bool), n int) (got []loghead.Entry) {
	GinkgoHelper()
	harness.MustFinish(func() { got = loghead.Head(context.Background(), read, n) })
	return got
}

// Every stage stopping is checked after each spec: the leak check that ends
// it fails the spec with "LEAK:" if a stage is still running half a second
// after Head returned.
var _ = Describe("Head", func() {
	// First in the container (Ginkgo keeps the order of specs within it): a
	// spec that left a stage spinning must not be mistaken for this one.
	Context("while the log has no new line yet", func() {
		It("waits parked for it, not polling", func() {
			next := make(chan string)
			DeferCleanup(func() { close(next) })
			quiet := func() (string, bool) {
				line, ok := <-next
				return line, ok
			}
			got := make(chan []loghead.Entry, 1)
			go func() { got <- loghead.Head(context.Background(), quiet, 2) }()
			// The first line is taken as soon as it is offered; then the
			// reader waits in read for a second one that is not there yet,
			// and every other stage has nothing to do.
			next <- "INFO one"
			harness.ExpectNoBusyWait()
			next <- "INFO two"
			Eventually(got).WithTimeout(time.Second).Should(Receive(HaveLen(2)))
		})
	})

	// Before the live log: a Head that keeps reading after it has enough is
	// then found parked on the quiet log, not caught spinning through an
	// endless one.
	Context("when the log holds more lines than n, then waits for more", func() {
		It("returns the first n entries without waiting for the log, and every stage stops", func() {
			next := make(chan string, 5)
			for i := 1; i <= cap(next); i++ {
				next <- fmt.Sprintf("INFO line %d", i)
			}
			// The log ends only when the spec does, so that a stage parked
			// in read can return before the leak check looks.
			DeferCleanup(func() { close(next) })
			quiet := func() (string, bool) {
				line, ok := <-next
				return line, ok
			}
			Expect(head(quiet, 2)).To(Equal([]loghead.Entry{
				{Level: "INFO", Msg: "line 1"}, {Level: "INFO", Msg: "line 2"},
			}))
		})
	})

	Context("when the log is live and never ends", func() {
		It("returns the first n entries in order, and every stage stops", func() {
			Expect(head(liveLog(), 3)).To(Equal([]loghead.Entry{
				{Level: "INFO", Msg: "request 1 served"},
				{Level: "INFO", Msg: "request 2 served"},
				{Level: "INFO", Msg: "request 3 served"},
			}))
		})
	})

	Context("when the log holds more lines than the dashboard shows", func() {
		It("returns the first n entries in order, and every stage stops", func() {
			lines := make([]string, 500)
			for i := range lines {
				lines[i] = fmt.Sprintf("WARN disk %d%% full", 50+i%50)
			}
			Expect(head(fileLog(lines...), 2)).To(Equal([]loghead.Entry{
				{Level: "WARN", Msg: "disk 50% full"},
				{Level: "WARN", Msg: "disk 51% full"},
			}))
		})
	})

	Context("when the log ends before n entries", func() {
		It("returns every entry there is", func() {
			Expect(head(fileLog("INFO started", "ERROR disk full"), 10)).To(Equal([]loghead.Entry{
				{Level: "INFO", Msg: "started"},
				{Level: "ERROR", Msg: "disk full"},
			}))
		})
	})

	Context("when the log holds exactly n lines, or one more", func() {
		It("returns all n when there are n", func() {
			Expect(head(fileLog("INFO a", "INFO b", "INFO c"), 3)).To(HaveLen(3))
		})

		It("returns the first n when there is one more, and every stage stops", func() {
			Expect(head(fileLog("INFO a", "INFO b", "INFO c", "INFO d"), 3)).To(Equal([]loghead.Entry{
				{Level: "INFO", Msg: "a"}, {Level: "INFO", Msg: "b"}, {Level: "INFO", Msg: "c"},
			}))
		})
	})

	Context("when the dashboard shows a single entry", func() {
		It("returns the first one, and every stage stops", func() {
			Expect(head(fileLog("INFO first", "INFO second", "INFO third"), 1)).To(Equal([]loghead.Entry{{Level: "INFO", Msg: "first"}}))
		})
	})

	Context("when several dashboards read their own logs at once", func() {
		It("gives each its own head, and every stage stops", func() {
			heads := make([][]loghead.Entry, 6)
			harness.MustFinish(func() {
				harness.Stress(len(heads), func(i int) {
					lines := make([]string, 50)
					for j := range lines {
						lines[j] = fmt.Sprintf("INFO dashboard %d line %d", i, j+1)
					}
					heads[i] = loghead.Head(context.Background(), fileLog(lines...), i+1)
				})
			})
			for i, h := range heads {
				Expect(h).To(HaveLen(i+1), "dashboard %d asked for %d entries", i, i+1)
				Expect(h[i]).To(Equal(loghead.Entry{Level: "INFO", Msg: fmt.Sprintf("dashboard %d line %d", i, i+1)}))
			}
		})
	})

	Context("when the log is empty", func() {
		It("returns no entries", func() {
			Expect(head(fileLog(), 5)).To(BeEmpty())
		})
	})

	Context("when Head has its entries and the log goes on", func() {
		It("stops every stage as it returns, not when some timer gives up on them", func() {
			harness.MustFinish(func() {
				// On a fake clock that moves only when the spec lets it,
				// "every stage stops once Head has what it needs" can be
				// checked exactly: a stage that gives up its send only
				// when a timer fires (however short) is still parked on it.
				harness.WithFakeTime(func() {
					// A log that ends, not a live one: a stage (or a
					// drain) that runs on through an endless log would
					// never let the goroutines here settle.
					lines := make([]string, 10)
					for i := range lines {
						lines[i] = fmt.Sprintf("INFO line %d", i+1)
					}
					before := harness.KataGoroutines()
					got := loghead.Head(context.Background(), fileLog(lines...), 3)
					Expect(got).To(HaveLen(3))
					// Let every goroutine run until it ends or waits again,
					// without moving the clock: no timer is due.
					synctest.Wait()
					var left []string
					for id, header := range harness.KataGoroutines() {
						if _, old := before[id]; !old {
							left = append(left, header)
						}
					}
					if len(left) > 0 {
						sort.Strings(left)
						Fail(fmt.Sprintf("LEAK: Head had returned its entries, yet %d of its stages were still there, waiting:\n  %s\n"+
							"A stage that cannot hear that Head has stopped waits to send for ever; one that gives up only after a timeout lingers, "+
							"and on a slow machine gives up while Head is still reading, so that Head returns too few entries. "+
							"Tell every stage that Head has stopped, and let each wait for its send and that signal at once.",
							len(left), strings.Join(left, "\n  ")))
					}
				})
			})
		})
	})
})
