package bench

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// counter is what each benchmark increments from g goroutines at once.
type counter interface{ inc() }

type mutexCounter struct {
	mu sync.Mutex // protects n
	n  int64
}

func (c *mutexCounter) inc() { c.mu.Lock(); c.n++; c.mu.Unlock() }

type rwMutexCounter struct {
	mu sync.RWMutex // protects n
	n  int64
}

func (c *rwMutexCounter) inc() { c.mu.Lock(); c.n++; c.mu.Unlock() }

type atomicCounter struct{ n atomic.Int64 }

func (c *atomicCounter) inc() { c.n.Add(1) }

// chanCounter is owned by one goroutine; others send it increments.
type chanCounter struct {
	incs chan struct{}
	done chan int64
}

func newChanCounter() *chanCounter {
	c := &chanCounter{incs: make(chan struct{}, 128), done: make(chan int64)}
	go func() {
		var n int64
		for range c.incs {
			n++
		}
		c.done <- n
	}()
	return c
}

func (c *chanCounter) inc()        { c.incs <- struct{}{} }
func (c *chanCounter) stop() int64 { close(c.incs); return <-c.done }

// goroutineCounts are 1, 2, 4, ... up to twice GOMAXPROCS.
func goroutineCounts() []int {
	var out []int
	for g := 1; g <= 2*runtime.GOMAXPROCS(0); g *= 2 {
		out = append(out, g)
	}
	return out
}

// hammer splits b.N increments across g goroutines started together.
func hammer(b *testing.B, g int, c counter) {
	var wg sync.WaitGroup
	per := b.N / g
	start := make(chan struct{})
	for range g {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for range per {
				c.inc()
			}
		}()
	}
	b.ResetTimer()
	close(start)
	wg.Wait()
}

// BenchmarkCounter compares ways to count from many goroutines. The
// unsynchronised counter runs on one goroutine only: with more it would be
// a data race, and its number would be meaningless.
func BenchmarkCounter(b *testing.B) {
	b.Run("unsynchronised/goroutines=1", func(b *testing.B) {
		var n int64
		for range b.N {
			n++
		}
		sink = n
	})
	for _, g := range goroutineCounts() {
		b.Run(fmt.Sprintf("mutex/goroutines=%d", g), func(b *testing.B) { hammer(b, g, &mutexCounter{}) })
		b.Run(fmt.Sprintf("rwmutex/goroutines=%d", g), func(b *testing.B) { hammer(b, g, &rwMutexCounter{}) })
		b.Run(fmt.Sprintf("atomic/goroutines=%d", g), func(b *testing.B) { hammer(b, g, &atomicCounter{}) })
		b.Run(fmt.Sprintf("channel/goroutines=%d", g), func(b *testing.B) {
			c := newChanCounter()
			hammer(b, g, c)
			sink = c.stop()
		})
	}
}

var sink int64
