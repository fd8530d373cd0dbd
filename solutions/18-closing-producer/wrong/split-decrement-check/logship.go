// Kata 18, a tempting wrong fix: the last reader closes, counted under a
// lock taken twice.
//
// Each reader, once its log is read and closed, lowers the count of readers
// still running under a mutex, and then, under a second hold of the mutex,
// tests whether the count is zero and closes the channel if it is. But
// another reader can lower the count between the two holds: two readers that
// finish together both find zero and both close the channel (panic: close of
// closed channel). Lowering the count and testing it must be one step, under
// one hold of the lock.
package logship

import "sync"

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
	var mu sync.Mutex
	running := len(logs)
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
			mu.Lock()
			running--
			mu.Unlock()
			mu.Lock()
			last := running == 0
			mu.Unlock()
			if last {
				close(lines)
			}
		}()
	}
	return lines
}
