package backup_test

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	backup "github.com/racekatas/racekatas/katas/09-captured-err"
)

// What cloud storage answers when an upload fails. The messages do not name
// the file: naming it is UploadAll's job.
var (
	errQuota   = errors.New("storage quota exceeded")
	errDenied  = errors.New("permission denied")
	errTimeout = errors.New("connection timed out")
)

// badNight is how many files fail at once on the worst night the specs play.
const badNight = 64

// day returns the names of n files written today.
func day(n int) []string {
	files := make([]string, n)
	for i := range files {
		files[i] = fmt.Sprintf("2026/05/14/doc-%02d.txt", i)
	}
	return files
}

// A bucket stands in for cloud storage. Its Upload measures with a probe how
// many uploads are in flight at once, fails the files it was told to fail,
// and stores the others. Every spec builds its own bucket and hands UploadAll
// nothing else, so uploads that a stuck spec leaves behind touch nothing the
// next spec uses.
type bucket struct {
	probe *harness.Probe
	fail  map[string]error // the files to fail, and how; read-only once built

	mu     sync.Mutex // protects stored
	stored []string   // the files uploaded, in the order they arrived
}

// newBucket's probe holds every upload at its gate until meet of them are in
// flight at once (or until harness.ProbeWait has passed).
func newBucket(meet int, fail map[string]error) *bucket {
	return &bucket{probe: harness.NewProbe(meet), fail: fail}
}

// Upload is the work function handed to UploadAll. Everything it does to
// shared state happens before it returns, so nothing it locks can order the
// writes UploadAll makes after it returns.
func (b *bucket) Upload(name string) error {
	leave := b.probe.Enter()
	defer leave()
	if err, ok := b.fail[name]; ok {
		return err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.stored = append(b.stored, name)
	return nil
}

// Stored returns the files uploaded so far.
func (b *bucket) Stored() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.stored...)
}

// uploadAll runs UploadAll under the deadlock watchdog. Its inputs are
// arguments, evaluated on the spec's goroutine: a body left stuck by a
// deadlock then reads no variable that a later spec's setup writes.
func uploadAll(b *bucket, files []string) (err error) {
	GinkgoHelper()
	harness.MustFinish(func() { err = backup.UploadAll(files, b.Upload) })
	return err
}

// wrapsOneOf matches an error that wraps at least one of targets.
func wrapsOneOf(targets ...error) OmegaMatcher {
	return Satisfy(func(err error) bool {
		for _, t := range targets {
			if errors.Is(err, t) {
				return true
			}
		}
		return false
	})
}

// waitParked returns once goroutine id has ended, or is parked (on a
// channel, a lock, a WaitGroup): it is not running and not about to.
func waitParked(id int) {
	for {
		switch harness.GoroutineState(id) {
		case "running", "runnable":
			runtime.Gosched()
		default:
			return
		}
	}
}

var _ = Describe("UploadAll", func() {
	var (
		files []string
		cloud *bucket
	)

	Context("when every upload succeeds", func() {
		BeforeEach(func() {
			files = day(6)
			// Two uploads in flight at once open the gate: concurrent code
			// never waits, one-at-a-time code waits once and Max stays 1.
			cloud = newBucket(2, nil)
		})

		It("uploads every file, side by side, and reports no error", func() {
			err := uploadAll(cloud, files)

			Expect(err).NotTo(HaveOccurred())
			Expect(cloud.Stored()).To(ConsistOf(files))
			Expect(cloud.probe.Max()).To(BeNumerically(">=", 2),
				"the files were uploaded one after another: one slow file holds up the whole night")
		})
	})

	Context("when one upload fails", func() {
		BeforeEach(func() {
			files = day(4)
			cloud = newBucket(2, map[string]error{files[2]: errQuota})
		})

		It("reports that failure and names its file", func() {
			err := uploadAll(cloud, files)

			Expect(err).To(MatchError(errQuota), "the failed upload went unreported")
			Expect(err).To(MatchError(ContainSubstring(files[2])), "the report does not say which file failed")
			Expect(cloud.Stored()).To(ConsistOf(files[0], files[1], files[3]))
		})
	})

	Context("when several uploads fail at the same moment", func() {
		BeforeEach(func() {
			files = day(6)
			cloud = newBucket(len(files), map[string]error{
				files[1]: errQuota,
				files[3]: errDenied,
				files[4]: errTimeout,
			})
			// The gate opens only once every upload is in flight, so the
			// three failures come back together, as they do when the storage
			// service has a bad minute.
		})

		It("reports one of the failures, and still uploads the rest", func() {
			err := uploadAll(cloud, files)

			Expect(err).To(wrapsOneOf(errQuota, errDenied, errTimeout), "the failed uploads went unreported")
			Expect(err).To(MatchError(Or(
				ContainSubstring(files[1]), ContainSubstring(files[3]), ContainSubstring(files[4]),
			)), "the report does not say which file failed")
			Expect(cloud.Stored()).To(ConsistOf(files[0], files[2], files[5]))
			Expect(cloud.probe.Max()).To(Equal(len(files)), "every upload should have been in flight at once")
		})
	})

	Context("when every upload fails on a bad night", func() {
		BeforeEach(func() {
			// More failures than any fixed number a fix might make room
			// for: code that keeps only a few of them, and makes the rest
			// wait for room, never returns on the night everything fails.
			files = day(badNight)
			fail := make(map[string]error, len(files))
			for _, name := range files {
				fail[name] = errTimeout
			}
			// The gate opens once every upload is in flight, so all the
			// failures come back together.
			cloud = newBucket(len(files), fail)
		})

		It("still returns, and reports a failure", func() {
			err := uploadAll(cloud, files)

			Expect(err).To(MatchError(errTimeout), "the failed uploads went unreported")
			Expect(cloud.Stored()).To(BeEmpty())
		})
	})

	Context("when one upload fails at once while another is still running", func() {
		It("returns only once that other upload has returned", func() {
			files := []string{"fails-at-once.txt", "still-running.txt"}
			failer := make(chan int, 1)    // the id of the failing upload's goroutine
			running := make(chan struct{}) // closed once the slow upload has started
			release := make(chan struct{}) // the slow upload returns once closed
			letGo := sync.OnceFunc(func() { close(release) })
			DeferCleanup(letGo) // never leave the slow upload blocked
			var slowDone atomic.Bool
			upload := func(name string) error {
				if name == files[0] {
					failer <- harness.GoroutineID()
					return errQuota
				}
				close(running)
				<-release
				slowDone.Store(true)
				return nil
			}

			caller := make(chan int, 1)
			returned := make(chan error, 1)
			go func() {
				caller <- harness.GoroutineID()
				returned <- backup.UploadAll(files, upload)
			}()
			// Hold the slow upload until the failure has been dealt with
			// as far as it can be, and UploadAll has stopped running: it
			// has either returned, or is waiting for the slow upload.
			harness.MustFinish(func() {
				<-running
				waitParked(<-failer)
				waitParked(<-caller)
			})
			select {
			case <-returned:
				Fail("UploadAll returned while an upload was still running: the caller would treat a file that is still being written as done")
			default:
			}

			letGo()
			var err error
			harness.MustFinish(func() { err = <-returned })
			Expect(err).To(MatchError(errQuota), "the failed upload went unreported")
			Expect(slowDone.Load()).To(BeTrue())
		})
	})

	Context("when an upload fails and another succeeds after it", func() {
		It("still reports the failure", func() {
			files := []string{"fails-first.txt", "succeeds-later.txt"}
			failer := make(chan int, 1) // the id of the failing upload's goroutine
			upload := func(name string) error {
				if name == files[0] {
					failer <- harness.GoroutineID()
					return errDenied
				}
				// Succeed only once the failure has been recorded, as far
				// as its goroutine can take it.
				waitParked(<-failer)
				return nil
			}
			var err error
			harness.MustFinish(func() { err = backup.UploadAll(files, upload) })
			Expect(err).To(MatchError(errDenied), "a later success hid the failure")
			Expect(err).To(MatchError(ContainSubstring(files[0])), "the report does not say which file failed")
		})
	})

	Context("when there is nothing to back up", func() {
		BeforeEach(func() {
			files = nil
			cloud = newBucket(2, nil)
		})

		It("uploads nothing and reports no error", func() {
			Expect(uploadAll(cloud, files)).To(Succeed())
			Expect(cloud.probe.Calls()).To(BeZero())
		})
	})
})
