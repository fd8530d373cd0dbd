// Kata 18, a tempting wrong fix: a WaitGroup and a closer goroutine, as in
// the solution, but each reader gives up on a line the indexer has not taken
// within 30 s, "so that a stuck indexer cannot hang the shipper".
//
// Tempting because the close is now right (Done deferred first, so it runs
// after the log's Close; Add before go; one goroutine waits and closes), and
// the time limit looks defensive. But an indexer that stalls for longer (an
// index outage, a long merge) comes back to find the lines it was to take
// thrown away: they never reach the index, and nothing says so. Ship
// promises to send each line; its reader must wait as long as the indexer
// takes. Giving up belongs to the caller, with a signal it sends (a context),
// not to a guess inside the reader.
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

// indexerPatience is how long a reader waits for the indexer to take a line.
const indexerPatience = 30 * time.Second

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
			defer wg.Done()  // runs last: after the log is closed
			defer lg.Close() // runs first
			for {
				line, ok := lg.Next()
				if !ok {
					return
				}
				t := time.NewTimer(indexerPatience)
				select {
				case lines <- line:
				case <-t.C: // the indexer is stuck: do not hang on it
				}
				t.Stop()
			}
		}()
	}
	go func() {
		wg.Wait()
		close(lines)
	}()
	return lines
}
