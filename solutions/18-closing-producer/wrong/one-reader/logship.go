// Kata 18, a tempting wrong fix: one goroutine reads every log, then closes.
//
// With one sender, that sender can close the channel safely, and nothing
// panics. But the logs are now read one after another: the specs' probe sees
// a single read in flight where there should be several.
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
	go func() {
		defer close(lines)
		for _, lg := range logs {
			for {
				line, ok := lg.Next()
				if !ok {
					break
				}
				lines <- line
			}
			lg.Close()
		}
	}()
	return lines
}
