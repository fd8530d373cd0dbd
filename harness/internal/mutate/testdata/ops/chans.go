package chans

import (
	"context"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

type Hub struct {
	msgs chan string
	quit chan struct{}
	done chan struct{}
	stop sync.Once
}

func Start(deliver func(string)) *Hub {
	h := &Hub{
		msgs: make(chan string),
		quit: make(chan struct{}),
		done: make(chan struct{}),
	}
	go h.loop(deliver)
	return h
}

func (h *Hub) loop(deliver func(string)) {
	defer close(h.done)
	for {
		select {
		case m := <-h.msgs:
			deliver(m)
		case <-h.quit:
			return
		}
	}
}

func (h *Hub) Publish(m string) { h.msgs <- m }

func (h *Hub) Stop() { h.stop.Do(func() { close(h.quit) }) }

func (h *Hub) Done() <-chan struct{} { return h.done }

var config = sync.OnceValue(func() int { return 42 })

func Fetch(ctx context.Context, urls []string, get func(string) int) []int {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	results := make(chan int, len(urls))
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case results <- get(u):
			case <-ctx.Done():
			}
		}()
	}
	wg.Wait()
	close(results)
	var out []int
	for r := range results {
		out = append(out, r)
	}
	return out
}

func Poll(ctx context.Context, tick <-chan time.Time) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
		default:
		}
	}
}

func Upload(ctx context.Context, files []string, put func(context.Context, string) error) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, f := range files {
		g.Go(func() error { return put(gctx, f) })
	}
	return g.Wait()
}
