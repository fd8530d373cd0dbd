// Kata 18, a tempting wrong fix: recover from the panic in the readers.
//
// The crash is gone, and so are the lines. A reader that finds the channel
// closed recovers and returns, dropping the line it was sending and every
// line after it, and the indexer, its range ended by the early close, never
// learns that anything is missing.
package logship

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
	for i, lg := range logs {
		go func() {
			defer lg.Close()
			// logs[0] is the application's own log, the busiest of all: its
			// reader is always the last one done, so it closes lines.
			if i == 0 {
				defer close(lines)
			}
			// A closed channel means the indexer has had enough: stop quietly.
			defer func() { _ = recover() }()
			for {
				line, ok := lg.Next()
				if !ok {
					return
				}
				lines <- line
			}
		}()
	}
	return lines
}
