// Kata 18, a tempting wrong fix: count the readers with an atomic counter,
// and let the closer poll it until it reaches zero.
//
// Tempting because it is correct about order: each reader's last send and
// Close come before its decrement, so when the closer sees zero, every line
// is out and every log closed. But the closer never waits: it loops on the
// counter, yielding, for as long as the slowest log takes to read, and burns
// a core doing it. A WaitGroup's Wait parks the closer until the count
// reaches zero, at no cost.
package logship

import (
	"runtime"
	"sync/atomic"
)

// A Log is one log file, read a line at a time. Its methods are called from
// one goroutine only.
type Log interface {
	// Next returns the next line of the log, or ok == false once every line
	// has been read.
	Next() (line string, ok bool)
	// Close releases the log. Ship calls it once, when it has read the log
	// to the end.
	Close()
}

// Ship reads every log on a goroutine of its own and sends each line on the
// returned channel, the lines of one log in their order in that log. The
// channel is closed after the last line of the last log. Each log is closed
// once it has been read to the end. The caller must receive until the
// channel is closed.
func Ship(logs []Log) <-chan string {
	lines := make(chan string)

	var reading atomic.Int64 // readers not yet done
	reading.Store(int64(len(logs)))
	for _, lg := range logs {
		go func() {
			defer reading.Add(-1)
			defer lg.Close()
			for {
				line, ok := lg.Next()
				if !ok {
					return
				}
				lines <- line
			}
		}()
	}

	go func() {
		for reading.Load() > 0 {
			runtime.Gosched() // let the readers run
		}
		close(lines)
	}()
	return lines
}
