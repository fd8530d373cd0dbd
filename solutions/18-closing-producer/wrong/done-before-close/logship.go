// Kata 18, a tempting wrong fix: the WaitGroup and the closer goroutine, with
// the reader's defers in the wrong order.
//
// Tempting because it is the reference fix, one line swapped: "defer
// readers.Done()" written just below "defer lg.Close()" reads naturally. But
// deferred calls run last-in first-out, so Done runs before Close: the last
// reader counts itself out, the closer closes the channel, and the indexer
// moves on while that log is still being closed. The promise "each log is
// closed by the time the channel is closed" breaks as soon as a Close takes
// any time at all (a flush, a network file system).
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

	var readers sync.WaitGroup
	for _, lg := range logs {
		readers.Add(1)
		go func() {
			defer lg.Close()
			defer readers.Done()
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
		readers.Wait()
		close(lines)
	}()
	return lines
}
