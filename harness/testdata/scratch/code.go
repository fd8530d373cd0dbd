package scratch

import "sync"

func Deadlock() {
	ch := make(chan int)
	ch <- 1
}

func WGDeadlock() {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { wg.Done() }()
	wg.Wait()
}

func Leak() {
	ch := make(chan int)
	go func() { ch <- 1 }()
}

func Panic() {
	var m map[string]int
	m["x"] = 1
}

func CrashPanic() {
	done := make(chan bool)
	go func() { var wg sync.WaitGroup; wg.Done(); done <- true }()
	<-done
}

func Add(a, b int) int { return a - b }
