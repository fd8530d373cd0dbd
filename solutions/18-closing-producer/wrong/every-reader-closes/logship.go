// Kata 18, a tempting wrong fix: every reader closes the channel when done.
//
// "The sender closes" holds when there is one sender. With three, the first
// reader to finish closes the channel; a reader still sending then panics
// with "send on closed channel", and one that finishes later panics with
// "close of closed channel". Either way the shipper crashes.
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
	for _, lg := range logs {
		go func() {
			defer lg.Close()
			defer close(lines)
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
