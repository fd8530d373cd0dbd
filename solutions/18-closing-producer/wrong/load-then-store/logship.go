// Kata 18, a tempting wrong fix: the last reader closes, counted with an
// atomic Load and Store.
//
// Each reader, once its log is read and closed, lowers an atomic count of the
// readers still running, and the one that brings it to zero closes the
// channel. But it lowers the count in two steps, a Load and then a Store of
// one less: two readers that finish together both Load the same count and
// both Store the same value, so one of them is never counted out. The count
// never reaches zero, the channel is never closed, and the indexer waits for
// ever. Each step is atomic; the pair is not: Add(-1) does both at once.
package logship

import "sync/atomic"

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
	if len(logs) == 0 {
		close(lines)
		return lines
	}
	var running atomic.Int64
	running.Store(int64(len(logs)))
	for _, lg := range logs {
		go func() {
			for {
				line, ok := lg.Next()
				if !ok {
					break
				}
				lines <- line
			}
			lg.Close()
			n := running.Load() - 1
			running.Store(n)
			if n == 0 {
				close(lines)
			}
		}()
	}
	return lines
}
