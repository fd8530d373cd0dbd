// Package bench holds benchmarks that let a learner measure the claims the
// katas make: an atomic counter is cheaper than a mutex, CPU-bound work only
// finishes sooner in parallel on more than one core, and a worker pool's
// size bounds how much runs at once. Run them with
//
//	go test -run XXX -bench . -count 5 ./harness/bench/ | tee new.txt
//
// and compare runs with benchstat (golang.org/x/perf/cmd/benchstat).
package bench
