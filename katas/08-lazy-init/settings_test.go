package settings_test

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	settings "github.com/racekatas/racekatas/katas/08-lazy-init"
)

// requests is how many requests ask for the settings at once.
const requests = 16

// services services start one after another, each with rushOf requests at
// once. A check and a load under two locks were caught about once in 300
// to 800 rushes on a busy two-core machine (mean of the first caught), so
// 6000 missed now and then; this many leave a miss far less likely than one
// run in a million.
const (
	services         = 24000
	servicesPerBound = 1000 // how many run within one deadlock bound
	rushOf           = 4
)

// onDisk is what the settings file holds.
var onDisk = settings.Settings{Region: "eu-west", MaxConns: 64}

// A service is one spec's running service: its settings file and the Lazy
// that reads it. Every spec builds its own, and its goroutines touch nothing
// else.
type service struct {
	lazy *settings.Lazy

	// file counts the reads of the settings file. With a gate (meet 2), it
	// holds the first read until a second one starts, or until
	// harness.ProbeWait has passed: code that lets two requests read the
	// file at once does so on every run; code that reads it once waits
	// ProbeWait, once.
	file *harness.Probe

	got []*settings.Settings // got[i] is what request i was given
}

// newService returns a service whose settings file opens its gate once meet
// reads are under way at once; meet 1 means no gate.
func newService(meet int) *service {
	s := &service{file: harness.NewProbe(meet), got: make([]*settings.Settings, requests)}
	s.lazy = settings.New(s.load)
	return s
}

// load is the function the Lazy is given: it reads the settings file.
func (s *service) load() *settings.Settings {
	leave := s.file.Enter()
	defer leave()
	cfg := onDisk
	return &cfg
}

// rush has every request ask for the settings at the same moment. Request i
// writes only got[i], so the requests share nothing but the Lazy.
func (s *service) rush() {
	harness.Stress(requests, func(i int) { s.got[i] = s.lazy.Get() })
}

// rushEach gives services first to last-1 a rush of rushOf requests each,
// one service after another, each service with an instant settings file.
func rushEach(first, last int) {
	GinkgoHelper()
	for n := first; n < last; n++ {
		var reads atomic.Int32
		lazy := settings.New(func() *settings.Settings {
			reads.Add(1)
			cfg := onDisk
			return &cfg
		})
		var got [rushOf]*settings.Settings
		harness.Stress(rushOf, func(i int) { got[i] = lazy.Get() })
		Expect(reads.Load()).To(Equal(int32(1)), "times service %d read its settings file", n)
		for i, cfg := range got {
			Expect(cfg).To(BeIdenticalTo(got[0]), "request %d of service %d was given settings of its own", i, n)
		}
	}
}

var _ = Describe("Lazy", func() {
	var svc *service

	BeforeEach(func() {
		svc = newService(1)
	})

	Context("when many requests need the settings at once", func() {
		BeforeEach(func() {
			svc = newService(2)
		})

		It("reads the file once, and gives every request the same settings", func() {
			harness.MustFinish(svc.rush)
			Expect(svc.file.Calls()).To(Equal(1), "times the settings file was read")
			first := svc.got[0]
			Expect(first).NotTo(BeNil())
			Expect(*first).To(Equal(onDisk))
			for i, cfg := range svc.got {
				Expect(cfg).To(BeIdenticalTo(first), "request %d was given settings of its own", i)
			}
		})
	})

	Context("when the settings file answers at once, and many services start one after another", func() {
		It("reads each service's file once, and gives its requests the same settings", func() {
			// A check made under one lock and a load made under another
			// leave a gap between them that no hook in load can hold
			// open: only requests that really run side by side fall into
			// it. So each of many services gets a rush of its own, with an
			// instant settings file, and with more Ps than cores the OS
			// also suspends a thread between any two steps. One rush
			// caught in the gap is enough: a file read twice.
			DeferCleanup(runtime.GOMAXPROCS, runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0))))
			for batch := 0; batch < services; batch += servicesPerBound {
				harness.MustFinish(func() { rushEach(batch, batch+servicesPerBound) })
			}
		})
	})

	Context("when requests arrive while the file is being read", func() {
		It("has them wait without using the processor, then gives them the same settings", func() {
			const late = 3                // requests that arrive during the read
			opened := make(chan struct{}) // closed when the first file read starts
			open := sync.OnceFunc(func() { close(opened) })
			release := make(chan struct{}) // the file read returns once closed
			letGo := sync.OnceFunc(func() { close(release) })
			DeferCleanup(letGo) // spinning requests must not outlive a failed spec
			lazy := settings.New(func() *settings.Settings {
				open()
				<-release
				cfg := onDisk
				return &cfg
			})
			got := make(chan *settings.Settings, late+1)
			harness.MustFinish(func() {
				go func() { got <- lazy.Get() }()
				<-opened
			})
			ids := make(chan int, late)
			for range late {
				go func() {
					ids <- harness.GoroutineID()
					got <- lazy.Get()
				}()
			}
			// Wait until every late request has parked inside Get, or has
			// been seen running there (a goroutine not yet started would
			// look busy to the check). A spinning request may be caught
			// runnable every time it is looked at, so the wait is bounded.
			settled := time.Now().Add(harness.BusyWaitWindow)
			for range late {
				id := <-ids
				for harness.GoroutineState(id) == "runnable" && time.Now().Before(settled) {
					runtime.Gosched()
				}
			}
			harness.ExpectNoBusyWait()
			letGo()
			var first *settings.Settings
			harness.MustFinish(func() {
				for range late + 1 {
					cfg := <-got
					if first == nil {
						first = cfg
					}
					Expect(cfg).To(BeIdenticalTo(first), "a request was given settings of its own")
				}
			})
			Expect(*first).To(Equal(onDisk))
		})
	})

	Context("when the settings are already loaded", func() {
		It("returns them without reading the file again", func() {
			s := svc
			var first, second *settings.Settings
			harness.MustFinish(func() {
				first = s.lazy.Get()
				second = s.lazy.Get()
			})
			Expect(first).NotTo(BeNil())
			Expect(*first).To(Equal(onDisk))
			Expect(second).To(BeIdenticalTo(first))
			Expect(s.file.Calls()).To(Equal(1), "times the settings file was read")
		})
	})

	Context("when the settings file holds no settings", func() {
		It("reads it once all the same, and gives every request the same nil", func() {
			// An empty settings file loads as nil: the service then runs on
			// its defaults. Nil is an answer like any other: the file was
			// read, and reading it again would read the same nothing.
			var reads atomic.Int32
			lazy := settings.New(func() *settings.Settings {
				reads.Add(1)
				return nil
			})
			got := make([]*settings.Settings, 3)
			harness.MustFinish(func() {
				for i := range got {
					got[i] = lazy.Get()
				}
			})
			Expect(got).To(HaveEach(BeNil()), "the settings of an empty file")
			Expect(reads.Load()).To(Equal(int32(1)),
				"times the settings file was read: load is called once in all, whatever it returned")
		})
	})

	Context("before any request asks", func() {
		It("has not read the file", func() {
			var reads atomic.Int32
			// On a fake clock, the hour's sleep ends only once every other
			// goroutine of the bubble is blocked or done: whatever New may
			// have started in the background has then run as far as it can.
			harness.MustFinish(func() {
				harness.WithFakeTime(func() {
					settings.New(func() *settings.Settings {
						reads.Add(1)
						cfg := onDisk
						return &cfg
					})
					time.Sleep(time.Hour)
				})
			})
			Expect(reads.Load()).To(BeZero(), "the settings were read before anyone needed them")
		})
	})
})
