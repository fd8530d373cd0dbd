package settings_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	settings "github.com/racekatas/racekatas/katas/08-lazy-init"
)

// requests is how many requests ask for the settings at once.
const requests = 16

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

	Context("before any request asks", func() {
		It("has not read the file", func() {
			Expect(svc.file.Calls()).To(BeZero(), "the settings were read before anyone needed them")
		})
	})
})
