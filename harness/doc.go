// Package harness is what racekatas specs import: a suite bootstrap that
// insists on the race detector and bounds the run, a per-spec goroutine-leak
// check, a deadlock watchdog, a start barrier that makes goroutines overlap,
// and a probe that measures how many calls run at once.
//
// A kata's suite file is three lines:
//
//	func TestKata(t *testing.T) { harness.RunSuite(t, "Shared struct") }
//
// and its specs wrap every call into kata code that could block:
//
//	It("returns every ticket", func() {
//	    harness.MustFinish(func() { got = Collect(orders) })
//	    Expect(got).To(HaveLen(3))
//	})
//
// Failures the harness raises start with a word the CLI classifies on:
// "DEADLOCK:" from the watchdog, "BUSY-WAIT:" from ExpectNoBusyWait and the
// watchdog, and "LEAK:" from the leak check. Data races are reported by the
// race detector itself.
//
// The authors' guide, README.md beside this file, says how to write a kata
// whose specs reject every plausible wrong fix, and how to keep a kata set in
// a repository of your own. This package is the stable API for specs;
// everything under harness/internal may change between releases.
package harness
