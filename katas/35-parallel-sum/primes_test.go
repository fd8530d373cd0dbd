package primes_test

import (
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
