package thumbnail_test

import (
	"fmt"
	"strings"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	thumbnail "github.com/racekatas/racekatas/katas/11-missing-done"
)

// photo is a picture that needs resizing; logo is one already thumbnail size.
func photo(name string) thumbnail.Image {
	return thumbnail.Image{Name: name, Width: 4000, Height: 3000}
}

func logo(name string) thumbnail.Image {
	return thumbnail.Image{Name: name, Width: 64, Height: 64}
}

// A studio stands in for the image library. Its Resize records each call on
// a probe and in a list of names, and fails for pictures whose name starts
// with "corrupt". Each spec gets a studio of its own, so the workers of a
// spec that deadlocked share nothing with the specs that follow.
type studio struct {
	probe *harness.Probe

	// hold, if set, keeps the resize of a picture called slow.jpg waiting
	// until the spec closes it; entered is closed when that resize starts.
	hold, entered chan struct{}

	mu      sync.Mutex // protects resized
	resized []string   // names passed to Resize, in call order
}

// newStudio's probe opens its gate once two resizes are inside at once. Every
// album below holds at least two photos, so the gate never holds concurrent
// code back; sequential code waits harness.ProbeWait once, and Max stays 1.
func newStudio() *studio { return &studio{probe: harness.NewProbe(2)} }

func (s *studio) Resize(img thumbnail.Image) error {
	if img.Name == "slow.jpg" && s.hold != nil {
		close(s.entered)
		<-s.hold
	}
	leave := s.probe.Enter()
	defer leave()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.resized = append(s.resized, img.Name)
	if strings.HasPrefix(img.Name, "corrupt") {
		return fmt.Errorf("%s: cannot decode", img.Name)
	}
	return nil
}

// Resized returns the names passed to Resize so far.
func (s *studio) Resized() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.resized...)
}

// outcome is what one call to ResizeAll left behind.
type outcome struct {
	errs    []error  // a copy of what ResizeAll returned
	resized []string // the names the studio was asked to resize
	atOnce  int      // the most resizes that ran at the same time
}

var _ = Describe("ResizeAll", func() {
	var lab *studio // the image library of the running spec

	BeforeEach(func() {
		lab = newStudio()
	})

	// resizeAll runs ResizeAll under the deadlock watchdog and reads what it
	// left behind. The body gets its inputs as locals, read here on the spec
	// goroutine: a body left blocked by a deadlock then touches no variable
	// that a later spec writes.
	//
	// Everything is read before any assertion, and errs last: no lock taken
	// after that read can order it before a worker's late write to errs (a
	// worker takes the probe's and the studio's locks before it writes), and
	// no failed assertion can skip the read. Code that returns before its
	// workers have written errs is then reported by the race detector.
	resizeAll := func(album []thumbnail.Image) outcome {
		GinkgoHelper()
		var errs []error
		resize := lab.Resize
		harness.MustFinish(func() { errs = thumbnail.ResizeAll(album, resize) })

		out := outcome{atOnce: lab.probe.Max(), resized: lab.Resized()}
		if errs != nil {
			out.errs = make([]error, len(errs))
			for i, err := range errs {
				out.errs[i] = err
			}
		}
		return out
	}

	// First, so that code that counts a goroutine out twice fails here, with
	// one goroutine and nothing else in flight: the second Done panics.
	Context("when the album holds a single photo", func() {
		It("resizes it", func() {
			lab.probe = harness.NewProbe(1) // one resize: nothing to meet
			got := resizeAll([]thumbnail.Image{photo("beach.jpg")})

			Expect(got.resized).To(Equal([]string{"beach.jpg"}))
			Expect(got.errs).To(Equal([]error{nil}))
		})
	})

	Context("when every picture is a large photo", func() {
		It("resizes them all, at the same time", func() {
			// Twelve photos, and the gate opens once all twelve resizes
			// are in: a goroutine of its own for each picture runs them
			// all at once, while code that caps the resizes in flight, at
			// eight say, waits at the gate with the rest queued behind.
			var album []thumbnail.Image
			var names []any
			for i := range 12 {
				name := fmt.Sprintf("photo-%02d.jpg", i+1)
				album = append(album, photo(name))
				names = append(names, name)
			}
			lab.probe = harness.NewProbe(len(album))
			got := resizeAll(album)

			Expect(got.atOnce).To(Equal(len(album)),
				"only %d of the %d resizes ran at the same time: each picture should have a goroutine of its own, all of them resizing at once", got.atOnce, len(album))
			Expect(got.resized).To(ConsistOf(names...))
			Expect(got.errs).To(HaveLen(len(album)))
			for i, err := range got.errs {
				Expect(err).NotTo(HaveOccurred(), "errs[%d]", i)
			}
		})
	})

	Context("when the album holds a picture that is already small enough", func() {
		It("returns, and leaves that picture alone", func() {
			got := resizeAll([]thumbnail.Image{photo("beach.jpg"), logo("logo.png"), photo("dunes.jpg")})

			Expect(got.resized).To(ConsistOf("beach.jpg", "dunes.jpg"), "only the large photos need a thumbnail")
			Expect(got.errs).To(HaveLen(3))
			for i, err := range got.errs {
				Expect(err).NotTo(HaveOccurred(), "errs[%d]", i)
			}
		})
	})

	Context("when some resizes fail", func() {
		It("reports each error at the index of its picture", func() {
			got := resizeAll([]thumbnail.Image{
				photo("beach.jpg"), logo("logo.png"), photo("corrupt-1.jpg"), photo("dunes.jpg"), photo("corrupt-2.jpg"),
			})

			Expect(got.resized).To(HaveLen(4))
			Expect(got.errs).To(HaveLen(5))
			Expect(got.errs[0]).NotTo(HaveOccurred())
			Expect(got.errs[1]).NotTo(HaveOccurred(), "logo.png needed no resizing")
			Expect(got.errs[2]).To(MatchError("corrupt-1.jpg: cannot decode"))
			Expect(got.errs[3]).NotTo(HaveOccurred())
			Expect(got.errs[4]).To(MatchError("corrupt-2.jpg: cannot decode"))
		})
	})

	Context("when the album is empty", func() {
		It("returns no errors and resizes nothing", func() {
			got := resizeAll(nil)

			Expect(got.resized).To(BeEmpty())
			Expect(got.errs).To(BeEmpty())
		})
	})

	Context("when every picture is already small enough", func() {
		It("returns, and resizes nothing", func() {
			// banner.png is exactly ThumbWidth wide: "no wider than" a
			// thumbnail, so it needs no resizing either.
			banner := thumbnail.Image{Name: "banner.png", Width: thumbnail.ThumbWidth, Height: 80}
			got := resizeAll([]thumbnail.Image{logo("logo.png"), banner, logo("icon.png"), logo("badge.png")})

			Expect(got.resized).To(BeEmpty(), "a picture no wider than ThumbWidth needs no resizing")
			Expect(got.errs).To(Equal([]error{nil, nil, nil, nil}))
		})
	})

	Context("when two albums are resized at the same time", func() {
		It("gives each album its own errors", func() {
			resize := lab.Resize
			albums := [2][]thumbnail.Image{{photo("beach.jpg")}, {photo("corrupt-1.jpg")}}
			var errs [2][]error
			harness.MustFinish(func() {
				harness.Stress(2, func(a int) {
					errs[a] = thumbnail.ResizeAll(albums[a], resize)
				})
			})

			Expect(errs[0]).To(Equal([]error{nil}), "the first album's errors")
			Expect(errs[1]).To(HaveLen(1), "the second album's errors")
			Expect(errs[1][0]).To(MatchError("corrupt-1.jpg: cannot decode"))
			Expect(lab.Resized()).To(ConsistOf("beach.jpg", "corrupt-1.jpg"))
		})
	})

	Context("while one picture takes a long time to resize", func() {
		It("waits for it without spinning", func() {
			lab.hold, lab.entered = make(chan struct{}), make(chan struct{})
			release := sync.OnceFunc(func() { close(lab.hold) })
			DeferCleanup(release) // also when the check fails: let the resize finish

			album := []thumbnail.Image{photo("slow.jpg"), photo("pier.jpg")}
			resize := lab.Resize
			result := make(chan []error, 1)
			go func() { result <- thumbnail.ResizeAll(album, resize) }()
			harness.MustFinish(func() { <-lab.entered })

			// ResizeAll has nothing to do until the resize returns: it
			// should be parked, not polling.
			harness.ExpectNoBusyWait()

			// A ResizeAll that returned already fails here, before errs is
			// read: its late writes then meet no read, and the verdict is
			// the same on every run.
			select {
			case <-result:
				Fail("ResizeAll returned while slow.jpg was still being resized: the album would show a picture that has no thumbnail yet")
			default:
			}
			release()
			var errs []error
			harness.MustFinish(func() { errs = <-result })
			Expect(errs).To(Equal([]error{nil, nil}))
		})

		It("waits for it, however long it takes", func() {
			// On a fake clock the resize takes a day, and a day passes the
			// moment every goroutine waits: a ResizeAll that gives up after
			// any timeout, a second or an hour, has returned by then, with
			// a nil error for a picture that has no thumbnail yet.
			returnedEarly := false
			var errs []error
			harness.MustFinish(func() {
				harness.WithFakeTime(func() {
					slow := newStudio()
					slow.probe = harness.NewProbe(1) // no gate: its timer would run on the fake clock
					slow.hold, slow.entered = make(chan struct{}), make(chan struct{})
					album := []thumbnail.Image{photo("slow.jpg"), photo("pier.jpg")}
					resize := slow.Resize
					result := make(chan []error, 1)
					go func() { result <- thumbnail.ResizeAll(album, resize) }()
					<-slow.entered
					time.Sleep(24 * time.Hour) // fake: passes as soon as all wait
					select {
					case <-result: // not read: see the first spec
						returnedEarly = true
					default:
					}
					close(slow.hold)
					if !returnedEarly {
						errs = <-result
					}
				})
			})
			Expect(returnedEarly).To(BeFalse(),
				"ResizeAll returned while slow.jpg was still being resized (it stopped waiting after a timeout?): the album would show a picture that has no thumbnail yet")
			Expect(errs).To(Equal([]error{nil, nil}))
		})
	})
})
