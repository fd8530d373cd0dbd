package warehouse_test

import (
	"fmt"
	"maps"
	"runtime"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	warehouse "github.com/racekatas/racekatas/katas/32-rlock-reentry"
)

// line is one line of an audit report.
type line struct {
	Bin   string
	Units int
}

// Every spec starts from the same warehouse: 100 units in three bins. The
// forklift moves 10 units from C3 to A1, which changes two bins and keeps
// the total. A report that shows A1 before the move and C3 after it, or the
// other way round, saw the move land half way through the audit.
const everyUnit = 100

var (
	stock  = map[string]int{"A1": 40, "B2": 25, "C3": 35} // read-only
	before = []line{{"A1", 40}, {"B2", 25}, {"C3", 35}}
	after  = []line{{"A1", 50}, {"B2", 25}, {"C3", 25}}
)

// report is what one Audit produced.
type report struct {
	lines []line
	total int
}

// audit runs w.Audit, records its lines, and calls each(bin) after
// recording each one. Audit calls line, and so each, while it holds its lock.
func audit(w *warehouse.Warehouse, each func(bin string)) *report {
	r := &report{}
	r.total = w.Audit(func(bin string, units int) {
		r.lines = append(r.lines, line{Bin: bin, Units: units})
		each(bin)
	})
	return r
}

// A yard is one spec's warehouse, and the reports of the audits run on it.
// Every spec builds its own and hands its methods to the deadlock watchdog:
// an audit left stuck by a deadlock then touches nothing that the next
// spec's setup writes.
type yard struct {
	w       *warehouse.Warehouse
	probe   *harness.Probe // entered at every line by auditSideBySide
	reports []*report      // one per auditor, filled in by the methods below
}

// newYard's probe opens its gate once two auditors are at a line at once.
func newYard() *yard {
	return &yard{w: warehouse.New(stock), probe: harness.NewProbe(2)}
}

// move has a forklift move 10 units from C3 to A1.
func (y *yard) move() { y.w.Move("C3", "A1", 10) }

// auditSideBySide has two auditors audit at once. The probe's gate holds the
// first auditor at its first line until the second one is at a line too, or
// until harness.ProbeWait has passed: auditors that share the read lock meet
// at once; auditors that shut each other out never do, and Max stays 1.
func (y *yard) auditSideBySide() {
	y.reports = make([]*report, 2)
	harness.Stress(2, func(i int) {
		y.reports[i] = audit(y.w, func(string) { y.probe.Enter()() })
	})
}

// auditDuringMove runs one audit, and a forklift arrives right after its
// first line, while the audit holds its lock. The audit goes on only once the
// forklift waits for that lock (or has finished); auditDuringMove returns
// once both the audit and the move are done.
func (y *yard) auditDuringMove() {
	var moved <-chan struct{}
	r := audit(y.w, func(string) {
		if moved == nil {
			moved = forkliftArrives(y.w)
		}
	})
	<-moved
	y.reports = []*report{r}
}

// forkliftArrives starts a forklift that moves 10 units from C3 to A1, and
// returns once the forklift has either finished or is waiting for the
// warehouse's lock. From then on a sync.RWMutex lets no new reader in until
// the forklift has had its turn: this is the moment the spec needs, reached
// on every run, with no sleep. The returned channel is closed once the move
// is done.
func forkliftArrives(w *warehouse.Warehouse) (moved <-chan struct{}) {
	done := make(chan struct{})
	ids := make(chan int, 1)
	go func() {
		defer close(done)
		ids <- harness.GoroutineID()
		w.Move("C3", "A1", 10)
	}()
	id := <-ids
	for {
		select {
		case <-done:
			return done
		default:
		}
		if waitsForLock(id) {
			return done
		}
		runtime.Gosched()
	}
}

// waitsForLock reports whether goroutine id is parked in the Lock of a
// sync.RWMutex or a sync.Mutex.
func waitsForLock(id int) bool {
	state := harness.GoroutineState(id)
	return strings.HasPrefix(state, "sync.RWMutex.Lock") || strings.HasPrefix(state, "sync.Mutex.Lock")
}

// countWhileForkliftWaits runs one audit that stops at its first line, has a
// forklift arrive and wait for the lock, and then has a clerk Count bin A1
// on a goroutine of its own. The audit goes on once the clerk is parked (or
// has its answer); while the clerk and the forklift wait, nobody may spin.
// It returns what the clerk counted. Nothing but the lock orders the clerk's
// read against the forklift's write: a Count that reads without the lock is
// a data race the detector sees on every run.
func (y *yard) countWhileForkliftWaits() (counted int) {
	release := make(chan struct{})
	arrived := make(chan (<-chan struct{}), 1) // the forklift's "moved"
	reports := make(chan *report, 1)
	go func() {
		first := true
		reports <- audit(y.w, func(string) {
			if first {
				first = false
				arrived <- forkliftArrives(y.w)
				<-release
			}
		})
	}()
	moved := <-arrived

	// The clerk stays alive until the move is done: the race detector can
	// lose track of the accesses of a goroutine that has ended.
	counts := make(chan int, 1)
	ids := make(chan int, 1)
	finish := make(chan struct{})
	go func() {
		ids <- harness.GoroutineID()
		counts <- y.w.Count("A1")
		<-finish
	}()
	clerk := <-ids
	for {
		state := harness.GoroutineState(clerk)
		if strings.HasPrefix(state, "chan receive") || strings.HasPrefix(state, "sync.RWMutex") || strings.HasPrefix(state, "sync.Mutex") {
			break
		}
		runtime.Gosched()
	}
	harness.ExpectNoBusyWait()
	close(release)
	<-moved
	close(finish)
	y.reports = []*report{<-reports}
	return <-counts
}

// secondAuditWhileForkliftWaits runs one audit that stops at its first
// line, has a forklift arrive and wait for the lock, and then has a second
// auditor start an audit of its own. The first audit goes on once the
// second auditor waits too (or has its report). A sync.RWMutex lets the
// readers that waited behind a writer in the moment that writer unlocks,
// before any later Lock: a Move that lets go of the write lock between
// taking the units out and putting them in lets the second auditor in,
// on every run, to see the units in neither bin. It records both reports
// in y.reports, the first audit's first.
func (y *yard) secondAuditWhileForkliftWaits() {
	release := make(chan struct{})
	arrived := make(chan (<-chan struct{}), 1) // the forklift's "moved"
	firsts := make(chan *report, 1)
	go func() {
		first := true
		firsts <- audit(y.w, func(string) {
			if first {
				first = false
				arrived <- forkliftArrives(y.w)
				<-release
			}
		})
	}()
	moved := <-arrived

	seconds := make(chan *report, 1)
	ids := make(chan int, 1)
	go func() {
		ids <- harness.GoroutineID()
		seconds <- audit(y.w, func(string) {})
	}()
	second := <-ids
	for {
		state := harness.GoroutineState(second)
		if state == "" || strings.HasPrefix(state, "sync.RWMutex") || strings.HasPrefix(state, "sync.Mutex") {
			break
		}
		runtime.Gosched()
	}
	close(release)
	<-moved
	y.reports = []*report{<-firsts, <-seconds}
}

// countWhileMoving has two forklifts move 10 units back and forth between C3
// and A1, twenty times each, while two clerks count both bins: every pair of
// Move and Count calls, run at once.
func (y *yard) countWhileMoving() {
	harness.Stress(4, func(i int) {
		for range 20 {
			switch i {
			case 0:
				y.w.Move("C3", "A1", 10)
			case 1:
				y.w.Move("A1", "C3", 10)
			default:
				_ = y.w.Count("A1") + y.w.Count("C3")
			}
		}
	})
}

// A big warehouse has fillerBins bins besides A1, B2 and C3, with one unit
// each: enough that listing and sorting its bins takes an audit a while.
const fillerBins = 20000

// auditTrials is how many audits auditWhileRestocking runs.
const auditTrials = 5

// auditWhileRestocking audits a big warehouse auditTrials times, each time
// with a forklift that moves 10 units from A1 into a new bin, D4, as soon as
// the audit has started. It returns the total of each audit. Every audit must
// count every unit, the forklift's included: an audit that lists the bins at
// one moment and reads their units at another misses D4, and the 10 units in
// it.
func auditWhileRestocking() (totals []int) {
	GinkgoHelper()
	bins := maps.Clone(stock)
	for i := range fillerBins {
		bins[fmt.Sprintf("F%05d", i)] = 1
	}
	harness.MustFinish(func() {
		for range auditTrials {
			w := warehouse.New(bins)
			started := make(chan struct{})
			result := make(chan int, 1)
			go func() {
				close(started)
				result <- w.Audit(func(string, int) {})
			}()
			<-started
			w.Move("A1", "D4", 10)
			totals = append(totals, <-result)
		}
	})
	return totals
}

var _ = Describe("Warehouse", func() {
	var y *yard

	BeforeEach(func() {
		y = newYard()
	})

	Context("when a forklift moves units between bins", func() {
		It("takes them out of one bin and puts them into the other", func() {
			harness.MustFinish(y.move)
			Expect(y.w.Count("A1")).To(Equal(50))
			Expect(y.w.Count("B2")).To(Equal(25))
			Expect(y.w.Count("C3")).To(Equal(25))
		})
	})

	Context("when two auditors audit at once", func() {
		It("lets them read side by side, and gives both the same report", func() {
			harness.MustFinish(y.auditSideBySide)
			Expect(y.probe.Max()).To(BeNumerically(">=", 2), "the second auditor waited for the first one to finish")
			for i, r := range y.reports {
				Expect(r.lines).To(Equal(before), "auditor %d's lines", i)
				Expect(r.total).To(Equal(everyUnit), "auditor %d's total", i)
			}
		})
	})

	Context("when a forklift arrives while the audit is under way", func() {
		It("finishes the audit and the move, and counts every unit exactly once", func() {
			harness.MustFinish(y.auditDuringMove)
			r := y.reports[0]
			Expect(r.total).To(Equal(everyUnit), "the move landed part way through the audit: a report of %v", r.lines)
			Expect(r.lines).To(Or(Equal(before), Equal(after)), "the report shows no moment the warehouse was ever in")
			Expect(y.w.Count("A1")).To(Equal(50), "the forklift's move is lost")
			Expect(y.w.Count("C3")).To(Equal(25), "the forklift's move is lost")
		})
	})
	Context("when a forklift fills a new bin as the audit of a big warehouse starts", func() {
		It("counts every unit exactly once, the new bin's too", func() {
			Expect(auditWhileRestocking()).To(HaveEach(everyUnit+fillerBins), "audit totals: the move landed part way through an audit")
		})
	})

	Context("when a clerk counts a bin while a forklift waits for the audit", func() {
		It("answers after the move, and the audit and the move both finish", func() {
			var counted int
			// The bound leaves room for the look for busy waiting.
			harness.MustFinishWithin(harness.DeadlockBound+2*time.Second, func() { counted = y.countWhileForkliftWaits() })
			Expect(counted).To(Or(Equal(40), Equal(50)), "A1 holds 40 before the move and 50 after it")
			Expect(y.reports[0].total).To(Equal(everyUnit))
			Expect(y.w.Count("A1")).To(Equal(50), "the forklift's move is lost")
		})
	})

	Context("when a second auditor arrives while a forklift waits for the first audit", func() {
		It("shows the warehouse before the move or after it in both reports, never half way", func() {
			harness.MustFinish(y.secondAuditWhileForkliftWaits)
			for i, r := range y.reports {
				Expect(r.total).To(Equal(everyUnit), "audit %d: the move landed part way through the audit, a report of %v: the forklift let go of the warehouse with the units out of one bin and not yet in the other", i+1, r.lines)
				Expect(r.lines).To(Or(Equal(before), Equal(after)), "audit %d shows no moment the warehouse was ever in", i+1)
			}
			Expect(y.w.Count("A1")).To(Equal(50), "the forklift's move is lost")
			Expect(y.w.Count("C3")).To(Equal(25), "the forklift's move is lost")
		})
	})

	Context("when clerks count bins while forklifts move units", func() {
		It("answers every count and loses no unit", func() {
			harness.MustFinish(y.countWhileMoving)
			Expect(y.w.Count("A1")).To(Equal(40))
			Expect(y.w.Count("C3")).To(Equal(35))
		})
	})

	Context("when the warehouse is empty", func() {
		It("audits no lines and a total of zero, counts zero, and takes in a first move", func() {
			w := warehouse.New(map[string]int{})
			var lines []line
			var total, count int
			harness.MustFinish(func() {
				total = w.Audit(func(bin string, units int) { lines = append(lines, line{bin, units}) })
				count = w.Count("A1")
			})
			Expect(lines).To(BeEmpty())
			Expect(total).To(BeZero())
			Expect(count).To(BeZero())
			harness.MustFinish(func() {
				w.Move("A1", "B2", 5)
				total = w.Audit(func(bin string, units int) { lines = append(lines, line{bin, units}) })
			})
			Expect(lines).To(Equal([]line{{"A1", -5}, {"B2", 5}}))
			Expect(total).To(BeZero())
		})
	})
})
