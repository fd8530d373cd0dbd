package primes_test

import (
	"math/rand/v2"
	"runtime"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	primes "github.com/racekatas/racekatas/katas/35-parallel-sum"
)

// isPrime tests n by trial division: slow enough to be real work, and safe
// to call from any number of goroutines at once (it shares nothing).
func isPrime(n int) bool {
	if n < 2 {
		return false
	}
	for d := 2; d*d <= n; d++ {
		if n%d == 0 {
			return false
		}
	}
	return true
}

// A tester stands in for the site's primality test on the range [lo, hi).
// It counts how many times each number was tested, and its probe measures
// how many tests run at once. Each spec makes its own.
type tester struct {
	lo, hi int
	probe  *harness.Probe
	tested []atomic.Int32 // tested[n-lo] is how many times n was tested
	strays atomic.Int32   // tests of numbers outside [lo, hi)
}

func newTester(lo, hi int, probe *harness.Probe) *tester {
	return &tester{lo: lo, hi: hi, probe: probe, tested: make([]atomic.Int32, max(hi-lo, 0))}
}

func (t *tester) isPrime(n int) bool {
	leave := t.probe.Enter()
	defer leave()
	if n < t.lo || n >= t.hi {
		t.strays.Add(1)
	} else {
		t.tested[n-t.lo].Add(1)
	}
	return isPrime(n)
}

// count runs CountPrimes over the tester's range under the deadlock watchdog.
func (t *tester) count() (got int) {
	GinkgoHelper()
	lo, hi, test := t.lo, t.hi, t.isPrime
	harness.MustFinish(func() { got = primes.CountPrimes(lo, hi, test) })
	return got
}

// testedOnce reports whether every number of the range was tested exactly
// once, and nothing else was.
func (t *tester) testedOnce() bool {
	for i := range t.tested {
		if t.tested[i].Load() != 1 {
			return false
		}
	}
	return t.strays.Load() == 0
}

// countPrimes runs CountPrimes with the plain isPrime under the watchdog.
func countPrimes(lo, hi int) (got int) {
	GinkgoHelper()
	harness.MustFinish(func() { got = primes.CountPrimes(lo, hi, isPrime) })
	return got
}

// Known counts: there are 10 primes below 30, 168 below 1,000, 303 below
// 2,000 and 550 below 4,000. The ranges stay small: a wrong fix that starts
// a goroutine per number, under the race detector, must still finish well
// within the deadlock bound, so that it fails for its own reason.
const (
	below30   = 10
	below1000 = 168
	below2000 = 303
	below4000 = 550
)

// watchBound bounds a spec that also watches for busy waiting: the deadlock
// bound, plus room for the look itself.
const watchBound = harness.DeadlockBound + time.Second

// finishRounds is how many counts the spec on workers that finish together
// makes, if it can start them all within finishBudget.
const (
	finishRounds = 500
	finishBudget = 5 * time.Second
)

// countWhileEveryTestWaits runs CountPrimes over [lo, hi) with a primality
// test that holds every caller until the spec lets them all go. Once the
// first test is held, the workers have nothing to do but wait for their
// tests, and the caller nothing but wait for the workers: nobody may use a
// core. Then the tests are let go and the count must still be exact.
func countWhileEveryTestWaits(lo, hi int) (got int) {
	GinkgoHelper()
	entered := make(chan struct{}, hi-lo)
	letGo := make(chan struct{})
	test := func(n int) bool {
		entered <- struct{}{}
		<-letGo
		return isPrime(n)
	}
	harness.MustFinishWithin(watchBound, func() {
		// If the check fails, let the tests go all the same: a caller left
		// spinning would slow every later spec.
		released := false
		defer func() {
			if !released {
				close(letGo)
			}
		}()
		result := make(chan int, 1)
		go func() { result <- primes.CountPrimes(lo, hi, test) }()
		<-entered
		harness.ExpectNoBusyWait()
		released = true
		close(letGo)
		got = <-result
	})
	return got
}

// A finishLine is a primality test under which every number is prime, and
// which holds its callers until meet of them are inside, then lets them go
// at the same instant. Over a range of one number per worker, each worker's
// only test is also its last: the workers leave their tests together, and
// if they then add their counts to one total in two steps (read it, then
// write it back), two of them can read the same total, and a count is lost.
// Nothing can hold a worker between its two steps, so the spec makes that
// instant come often, and on cores: the callers wait for each other parked,
// then spin, and the last to arrive lets them all go only once it sees
// another caller spin while it looks, which proves that both are on a core
// at that moment (on a busy machine, threads often take turns on one core,
// and then nothing overlaps).
type finishLine struct {
	meet    int32
	arrived atomic.Int32
	all     chan struct{} // closed by the last caller to arrive
	beats   []beat        // beats[i] counts the spins of the i-th caller to arrive
	goNow   atomic.Bool   // set by the last caller to arrive: leave now
	broken  atomic.Bool   // a caller waited in vain for the others
	// brokenInRow counts lines broken in a row, across the lines of one
	// spec: code that never tests meet numbers at once (one worker that
	// takes the whole range) breaks every line, and after brokenLines the
	// tests stop waiting.
	brokenInRow *atomic.Int32
}

// A beat is a counter on a cache line of its own, so that callers that spin
// do not slow each other down.
type beat struct {
	n atomic.Int64
	_ [56]byte
}

const (
	// finishWait bounds each wait of a finishLine's callers: for the
	// others to arrive, and for another caller to be seen on a core.
	finishWait = 100 * time.Millisecond
	// onCore is how close together two looks at a spinning caller's beat
	// must be, for a change between them to show that it runs right then.
	onCore      = 2 * time.Microsecond
	brokenLines = 3
	maxStagger  = 6
	leadBeats   = 2
)

func newFinishLine(meet int, brokenInRow *atomic.Int32) *finishLine {
	return &finishLine{meet: int32(meet), all: make(chan struct{}), beats: make([]beat, meet), brokenInRow: brokenInRow}
}

func (f *finishLine) isPrime(int) bool {
	if f.broken.Load() || f.brokenInRow.Load() >= brokenLines {
		return true
	}
	me := f.arrived.Add(1)
	switch {
	case me > f.meet:
		return true
	case me == f.meet:
		f.brokenInRow.Store(0)
		close(f.all)
		f.start()
		f.stagger(me)
		return true
	}
	timer := time.NewTimer(finishWait)
	select {
	case <-f.all:
		timer.Stop()
	case <-timer.C:
		f.broken.Store(true)
		f.brokenInRow.Add(1)
		return true
	}
	beat := &f.beats[me-1].n
	for i := 0; !f.goNow.Load(); i++ {
		beat.Add(1)
		if i%1024 == 1023 {
			runtime.Gosched()
		}
	}
	f.stagger(me)
	return true
}

// stagger has caller me beat a few more times before it leaves, 0 to
// maxStagger-1 at random, and the last caller, who knows of the start
// before the others see it, leadBeats more: the callers then leave a little
// apart, by chance, either one first. A count is lost only if the two gaps
// of a few instructions overlap, and how long a spinning caller takes to see
// goNow depends on the machine.
func (f *finishLine) stagger(me int32) {
	n := rand.IntN(maxStagger)
	if me == f.meet {
		n += leadBeats
	}
	for range n {
		f.beats[me-1].n.Add(1)
	}
}

// start is the last caller's: it watches the others' beats and lets every
// caller go as soon as one of them changes between two looks less than
// onCore apart, or after finishWait.
func (f *finishLine) start() {
	defer f.goNow.Store(true)
	seen := make([]int64, f.meet-1)
	deadline := time.Now().Add(finishWait)
	for last := time.Now(); !f.broken.Load(); {
		now := time.Now()
		if now.After(deadline) {
			return
		}
		for i := range seen {
			b := f.beats[i].n.Load()
			if b != seen[i] && now.Sub(last) < onCore {
				return
			}
			seen[i] = b
		}
		last = now
	}
}

var _ = Describe("CountPrimes", func() {
	Context("on a machine with three cores", func() {
		// cores is odd so that the range cannot be shared out evenly, and
		// differs from the cores of most machines the specs run on.
		const cores = 3

		BeforeEach(func() {
			// The runtime runs at most GOMAXPROCS goroutines at once. The
			// specs in this container set it to three, whatever the machine,
			// and put it back afterwards.
			prev := runtime.GOMAXPROCS(cores)
			DeferCleanup(func() { runtime.GOMAXPROCS(prev) })
		})

		It("tests the numbers on exactly three goroutines at once", func() {
			// The probe's gate holds each test until four are in flight, or
			// until harness.ProbeWait has passed: three workers fill it up
			// and wait once; a goroutine per number opens it at once.
			t := newTester(0, 1000, harness.NewProbe(cores+1))
			Expect(t.count()).To(Equal(below1000))
			Expect(t.probe.Max()).To(Equal(cores),
				"tests in flight at the busiest moment; want one per core, as runtime.GOMAXPROCS(0) says")
			Expect(t.testedOnce()).To(BeTrue(), "some numbers were tested twice, or not at all")
		})

		It("counts every prime of a large range exactly", func() {
			Expect(countPrimes(0, 2000)).To(Equal(below2000))
			Expect(countPrimes(2000, 4000)).To(Equal(below4000 - below2000))
		})

		It("counts a range shorter than the number of cores", func() {
			Expect(countPrimes(2, 4)).To(Equal(2), "2 and 3 are prime")
			Expect(countPrimes(8, 9)).To(BeZero(), "8 is not prime")
		})

		It("tests one number more than there are cores exactly once each", func() {
			t := newTester(0, cores+1, harness.NewProbe(1))
			Expect(t.count()).To(Equal(2), "2 and 3 are prime")
			Expect(t.testedOnce()).To(BeTrue(), "some numbers were tested twice, or not at all")
		})

		It("waits for slow tests without using a core of its own", func() {
			Expect(countWhileEveryTestWaits(0, 30)).To(Equal(below30))
		})

		It("gives two counts made at once each their own answer", func() {
			var a, b int
			harness.MustFinish(func() {
				harness.Stress(2, func(i int) {
					if i == 0 {
						a = primes.CountPrimes(0, 1000, isPrime)
					} else {
						b = primes.CountPrimes(1000, 2000, isPrime)
					}
				})
			})
			Expect(a).To(Equal(below1000))
			Expect(b).To(Equal(below2000 - below1000))
		})

		It("adds up every worker's count when the workers finish at the same moment", func() {
			// One number per worker, and every number prime: each count
			// must be cores. A count that adds in two steps lost a share
			// in 4 to 25 lines in a hundred on a busy two-core machine;
			// the spec runs finishRounds lines, or as many as it can
			// start within finishBudget.
			var (
				brokenInRow atomic.Int32
				bad, got    int
			)
			harness.MustFinishWithin(finishBudget+harness.DeadlockBound, func() {
				deadline := time.Now().Add(finishBudget)
				for round := 0; round < finishRounds && time.Now().Before(deadline); round++ {
					f := newFinishLine(cores, &brokenInRow)
					bad = round * cores
					if got = primes.CountPrimes(bad, bad+cores, f.isPrime); got != cores {
						return
					}
				}
			})
			Expect(got).To(Equal(cores), "the numbers from %d to %d are all prime here, and were tested together to the end: a worker's count was lost", bad, bad+cores-1)
		})

		It("returns zero for an empty range, without testing anything", func() {
			t := newTester(5, 5, harness.NewProbe(1))
			Expect(t.count()).To(BeZero())
			Expect(countPrimes(9, 3)).To(BeZero(), "hi below lo is an empty range")
			Expect(t.probe.Calls()).To(BeZero())
		})
	})

	Context("on the machine the specs run on", func() {
		It("keeps at least min(GOMAXPROCS, 2) tests in flight and counts exactly", func() {
			// With GOMAXPROCS=1 there is nothing to run in parallel with,
			// and this spec only checks the count.
			atOnce := min(runtime.GOMAXPROCS(0), 2)
			t := newTester(0, 1000, harness.NewProbe(atOnce))
			Expect(t.count()).To(Equal(below1000))
			Expect(t.probe.Max()).To(BeNumerically(">=", atOnce), "the tests ran one after another")
			Expect(t.testedOnce()).To(BeTrue(), "some numbers were tested twice, or not at all")
		})
	})
})
