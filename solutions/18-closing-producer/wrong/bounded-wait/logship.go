// Kata 18, a tempting wrong fix: the closer waits for the readers, but at
// most five seconds, "so that one stuck log cannot hold up the indexer".
//
// Tempting because every log in a quick test runs out well within five
// seconds, and a time limit looks defensive. But a log that is quiet for
// longer (a service that logs once a minute) is still being read when the
// limit passes: the channel is closed under its reader, whose next line is
// then a send on a closed channel, and the indexer stops before the end of
// that log. The end of the logs is the only right moment to close; if a log
// may hang, bound it inside the log, where its reader can give up cleanly.
package logship

import (
	"sync"
	"time"
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
	var wg sync.WaitGroup
	for _, lg := range logs {
		wg.Add(1)
		go func() {
			defer wg.Done()
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
		done := make(chan struct{})
		go func() {
			wg.Wait()
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second): // never let one stuck log hold up the indexer
		}
		close(lines)
	}()
	return lines
}
