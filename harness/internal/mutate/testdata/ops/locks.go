package locks

import "sync"

type Account struct {
	mu      sync.Mutex
	balance int
	log     []int
}

// Deposit holds the lock for the whole method.
func (a *Account) Deposit(n int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.balance += n
	a.log = append(a.log, n)
}

func (a *Account) Balance() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.balance
}

// Withdraw unlocks by hand, on two paths.
func (a *Account) Withdraw(n int) bool {
	a.mu.Lock()
	if a.balance < n {
		a.mu.Unlock()
		return false
	}
	a.balance -= n
	a.log = append(a.log, -n)
	a.mu.Unlock()
	return true
}

type Cache struct {
	mu sync.RWMutex
	m  map[string]int
}

func (c *Cache) Get(k string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.m[k]
}

func (c *Cache) Put(k string, v int) {
	c.mu.Lock()
	c.m[k] = v
	c.mu.Unlock()
}

func Transfer(from, to *Account, n int) {
	from.mu.Lock()
	to.mu.Lock()
	defer from.mu.Unlock()
	defer to.mu.Unlock()
	from.balance -= n
	to.balance += n
}

type Stats struct {
	sync.Mutex
	hits int
}

func (s *Stats) Hit() {
	s.Lock()
	s.hits++
	s.Unlock()
}

func Sum(xs []int) int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	total := 0
	for _, x := range xs {
		wg.Go(func() {
			mu.Lock()
			total += x
			mu.Unlock()
		})
	}
	wg.Wait()
	return total
}

// Lookup's final return reads locals only: a shrunk section must not keep
// the whole read inside it.
func (c *Cache) Lookup(k string) (v int, ok bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok = c.m[k]
	return v, ok
}
