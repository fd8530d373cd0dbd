package primes_test

import (
	"runtime"
	"sync/atomic"

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

// Known counts: there are 168 primes below 1,000, 1,229 below 10,000 and
// 2,262 below 20,000.
const (
	below1000  = 168
	below10000 = 1229
	below20000 = 2262
)

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
			Expect(countPrimes(0, 10000)).To(Equal(below10000))
			Expect(countPrimes(10000, 20000)).To(Equal(below20000 - below10000))
		})

		It("counts a range shorter than the number of cores", func() {
			Expect(countPrimes(2, 4)).To(Equal(2), "2 and 3 are prime")
			Expect(countPrimes(8, 9)).To(BeZero(), "8 is not prime")
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
