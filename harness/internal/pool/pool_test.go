package pool_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/racekatas/racekatas/harness/internal/pool"
)

func TestEachRunsEveryJobOnceAndTheFirstAlone(t *testing.T) {
	var (
		mu      sync.Mutex // protects seen and overlap
		seen    = map[int]int{}
		running int
		firstOK = true
	)
	pool.Each(context.Background(), 10, 3, func(i int) {
		mu.Lock()
		running++
		if i == 0 && running != 1 {
			firstOK = false
		}
		seen[i]++
		mu.Unlock()
		mu.Lock()
		running--
		mu.Unlock()
	})
	assert.Len(t, seen, 10)
	for i, n := range seen {
		assert.Equal(t, 1, n, "job %d", i)
	}
	assert.True(t, firstOK)
}

func TestEachSkipsJobsAfterCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ran := 0
	pool.Each(ctx, 100, 1, func(int) {
		ran++
		cancel()
	})
	assert.Less(t, ran, 100)
}
