package loghead_test

import (
	"context"
	"fmt"

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

	Context("when the log is empty", func() {
		It("returns no entries", func() {
			Expect(head(fileLog(), 5)).To(BeEmpty())
		})
	})
})
