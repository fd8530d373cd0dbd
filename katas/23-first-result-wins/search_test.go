package search_test

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	search "github.com/racekatas/racekatas/katas/23-first-result-wins"
)

// The replicas below are each spec's own closures: a replica that First
// left running touches nothing that a later spec sets up.

// quick answers at once.
func quick(name string) search.Replica {
	return func(_ context.Context, query string) (string, error) {
		return name + ": hits for " + query, nil
	}
}

// broken fails at once, then closes failed (if not nil).
func broken(name string, failed chan<- struct{}) search.Replica {
	return func(context.Context, string) (string, error) {
		if failed != nil {
			defer close(failed)
		}
		return "", errors.New(name + ": index unavailable")
	}
}

// after answers once ready is closed, or gives up when ctx is done.
func after(ready <-chan struct{}, name string) search.Replica {
	return func(ctx context.Context, query string) (string, error) {
		select {
		case <-ready:
			return name + ": hits for " + query, nil
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
}

// failsAfter fails once d has passed, or gives up when ctx is done. On the
// fake clock of harness.WithFakeTime, d passes only once every other
// goroutine of the spec is waiting: First has taken every earlier reply.
func failsAfter(d time.Duration, name string) search.Replica {
	return func(ctx context.Context, _ string) (string, error) {
		select {
		case <-time.After(d):
			return "", errors.New(name + ": index unavailable")
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
}

// slow is still searching when the spec ends: it returns only when its
// context is done, as a real replica would give up on a cancelled search.
func slow() search.Replica {
	return func(ctx context.Context, _ string) (string, error) {
		<-ctx.Done()
		return "", ctx.Err()
	}
}

// find calls First under the deadlock watchdog. Its inputs are arguments,
// read on the spec goroutine: the body touches no variable that a later
// spec's setup writes.
func find(ctx context.Context, query string, replicas []search.Replica) (hits string, err error) {
	GinkgoHelper()
	harness.MustFinish(func() { hits, err = search.First(ctx, query, replicas) })
	return hits, err
}

// A page's context outlives its search: the page has more to render once
// First returns. So the specs' pages share one context that stays live until
// the whole suite is over, long after the leak check that ends every spec: a
// replica still searching then, or a goroutine still waiting to hand over its
// reply, is one that First left behind.
var rendering context.Context

var _ = BeforeSuite(func() {
	var endOfSuite context.CancelFunc
	rendering, endOfSuite = context.WithCancel(context.Background())
	DeferCleanup(endOfSuite)
})

var _ = Describe("First", func() {
	var ctx context.Context // the page's context

	BeforeEach(func() {
		ctx = rendering
	})

	Context("when one replica answers at once and the others are slow", func() {
		It("returns the quick answer, and the slow replicas stop", func() {
			hits, err := find(ctx, "gopher", []search.Replica{slow(), quick("replica-b"), slow()})
			Expect(err).NotTo(HaveOccurred())
			Expect(hits).To(Equal("replica-b: hits for gopher"))
		})
	})

	Context("when the quickest replica fails", func() {
		It("returns the first good answer instead, and the slow replica stops", func() {
			failed := make(chan struct{})
			hits, err := find(ctx, "gopher", []search.Replica{
				broken("replica-a", failed), after(failed, "replica-b"), slow(),
			})
			Expect(err).NotTo(HaveOccurred())
			Expect(hits).To(Equal("replica-b: hits for gopher"))
		})
	})

	Context("when every replica answers at once", func() {
		It("returns one of the answers, and every reply is taken care of", func() {
			hits, err := find(ctx, "gopher", []search.Replica{quick("replica-a"), quick("replica-b"), quick("replica-c")})
			Expect(err).NotTo(HaveOccurred())
			Expect(hits).To(BeElementOf(
				"replica-a: hits for gopher", "replica-b: hits for gopher", "replica-c: hits for gopher"))
		})
	})

	Context("when every replica fails", func() {
		It("returns an error from one of them", func() {
			_, err := find(ctx, "gopher", []search.Replica{broken("replica-a", nil), broken("replica-b", nil)})
			Expect(err).To(MatchError(HaveSuffix(": index unavailable")))
		})
	})

	Context("when every replica fails, one after another", func() {
		It("returns the error of the replica that failed last", func() {
			// The doc promises the last error, not the first one received.
			// On a fake clock, B fails at once, C a minute later, A an hour
			// later: the clock moves on only once First is waiting for the
			// next reply, so the replies reach it in that order, every run.
			harness.MustFinish(func() {
				harness.WithFakeTime(func() {
					_, err := search.First(context.Background(), "gopher", []search.Replica{
						failsAfter(time.Hour, "replica-a"), broken("replica-b", nil), failsAfter(time.Minute, "replica-c"),
					})
					Expect(err).To(MatchError("replica-a: index unavailable"),
						"every replica failed, A last of all: First must return A's error, the last one")
				})
			})
		})
	})

	Context("when many replicas fail at the same moment", func() {
		It("takes every reply, and returns one of the errors", func() {
			// Every reply counts: when none is good, First must read one
			// per replica, however many arrive at once. Sixteen replicas
			// fail at the same instant, so replies come while First is still
			// busy with an earlier one: a reply dropped because another was
			// still waiting to be read leaves First waiting for one that
			// never comes. No hook sits inside First, so this is volume,
			// not a forced window: on four processors or more, and with the
			// race detector shuffling the order in which the scheduler runs
			// woken goroutines, the crowding came in every repetition tried
			// (hundreds, even on one core), and twenty repetitions leave a
			// miss no chance.
			DeferCleanup(runtime.GOMAXPROCS, runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0))))
			const many = 16
			page := ctx // read here: a body left blocked must not read a variable a later spec writes
			harness.Repeat(20, func(int) {
				var started atomic.Int64
				allStarted := make(chan struct{})
				together := func(context.Context, string) (string, error) {
					if started.Add(1) == many {
						close(allStarted)
					}
					<-allStarted
					return "", errors.New("replica: index unavailable")
				}
				replicas := make([]search.Replica, many)
				for i := range replicas {
					replicas[i] = together
				}
				_, err := search.First(page, "gopher", replicas)
				Expect(err).To(MatchError("replica: index unavailable"))
			})
		})
	})

	Context("when a replica finds no hits", func() {
		It("returns its empty answer, which is an answer", func() {
			// A replica that finds nothing for the query answers "" without
			// an error: that is a good answer, the first one here, however
			// the other replica fares.
			nothing := func(context.Context, string) (string, error) { return "", nil }
			hits, err := find(ctx, "gopher", []search.Replica{broken("replica-a", nil), nothing})
			Expect(err).NotTo(HaveOccurred(),
				"replica B answered \"\" without an error (no hits for the query): First must return that answer, not A's error")
			Expect(hits).To(BeEmpty())
		})
	})

	Context("when there is a single replica", func() {
		It("returns its answer", func() {
			hits, err := find(ctx, "gopher", []search.Replica{quick("replica-a")})
			Expect(err).NotTo(HaveOccurred())
			Expect(hits).To(Equal("replica-a: hits for gopher"))
		})

		It("returns its error when it fails", func() {
			_, err := find(ctx, "gopher", []search.Replica{broken("replica-a", nil)})
			Expect(err).To(MatchError("replica-a: index unavailable"))
		})
	})

	Context("when a replica fails after another has answered", func() {
		It("returns the answer, not the later error", func() {
			answered := make(chan struct{})
			failLate := func(ctx context.Context, q string) (string, error) {
				<-answered
				return "", errors.New("replica-b: index unavailable")
			}
			tell := func(ctx context.Context, q string) (string, error) {
				defer close(answered)
				return quick("replica-a")(ctx, q)
			}
			hits, err := find(ctx, "gopher", []search.Replica{tell, failLate})
			Expect(err).NotTo(HaveOccurred())
			Expect(hits).To(Equal("replica-a: hits for gopher"))
		})
	})

	Context("when many pages search the same replicas at once", func() {
		It("gives each page an answer, and every search's losers stop", func() {
			replicas := []search.Replica{slow(), quick("replica-b"), slow(), quick("replica-d")}
			harness.MustFinish(func() {
				harness.Stress(6, func(int) {
					hits, err := search.First(ctx, "gopher", replicas)
					Expect(err).NotTo(HaveOccurred())
					Expect(hits).To(BeElementOf("replica-b: hits for gopher", "replica-d: hits for gopher"))
				})
			})
		})
	})

	Context("while every replica is still searching", func() {
		It("waits parked, not polling for replies", func() {
			ready := make(chan struct{})
			var started atomic.Int64
			counted := func(ctx context.Context, q string) (string, error) {
				started.Add(1)
				return after(ready, "replica")(ctx, q)
			}
			result := make(chan string, 1)
			go func() {
				hits, _ := search.First(ctx, "gopher", []search.Replica{counted, counted, counted})
				result <- hits
			}()
			Eventually(started.Load).WithTimeout(time.Second).Should(Equal(int64(3)))
			harness.ExpectNoBusyWait()
			close(ready)
			Eventually(result).WithTimeout(time.Second).Should(Receive(Equal("replica: hits for gopher")))
		})
	})

	Context("when the page gives up before any replica answers", func() {
		var cancel context.CancelFunc

		BeforeEach(func() {
			ctx, cancel = context.WithCancel(context.Background())
			DeferCleanup(cancel)
		})

		It("returns the page's context error", func() {
			// The page is cancelled as soon as the last replica has started.
			var started atomic.Int64
			giveUp := cancel
			startThenWait := func(ctx context.Context, q string) (string, error) {
				if started.Add(1) == 3 {
					giveUp()
				}
				return slow()(ctx, q)
			}
			_, err := find(ctx, "gopher", []search.Replica{startThenWait, startThenWait, startThenWait})
			Expect(err).To(MatchError(context.Canceled))
		})

		It("returns the page's context error even after a replica has failed", func() {
			// A fails at once; a minute later (on a fake clock, so First has
			// taken A's reply by then) the page gives up, and B and C give
			// up in turn. The last error is the page's, as the doc promises
			// when ctx is done first: not A's failure from before.
			harness.MustFinish(func() {
				harness.WithFakeTime(func() {
					page, giveUp := context.WithCancel(context.Background())
					defer giveUp()
					cancelLater := func(ctx context.Context, q string) (string, error) {
						time.Sleep(time.Minute)
						giveUp()
						return slow()(ctx, q)
					}
					_, err := search.First(page, "gopher", []search.Replica{broken("replica-a", nil), cancelLater, slow()})
					Expect(err).To(MatchError(context.Canceled),
						"the page gave up after replica A failed: First must return the page's context error")
				})
			})
		})
	})
})
