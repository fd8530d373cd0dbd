package scratch_test

import (
	"os"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	"github.com/racekatas/racekatas/harness/testdata/scratch"
)

var _ = Describe("scratch", func() {
	It("deadlocks", func() { harness.MustFinish(scratch.Deadlock) })
	It("wg deadlocks", func() { harness.MustFinish(scratch.WGDeadlock) })
	It("leaks", func() { harness.MustFinish(scratch.Leak) })
	It("panics", func() { harness.MustFinish(scratch.Panic) })
	It("adds", func() { harness.MustFinish(func() { Expect(scratch.Add(2, 2)).To(Equal(4)) }) })
	It("crashes", func() { if os.Getenv("CRASH") != "" { scratch.CrashPanic() } })
	It("probe", func() {
		p := harness.NewProbe(2)
		for range 3 { p.Enter()() }
		Expect(p.Max()).To(Equal(1))
	})
})
