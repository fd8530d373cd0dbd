// Kata 18 · A channel closed by one of its producers
//
// A log shipper forwards every line of a server's log files to the search
// index. Ship starts one reader goroutine per log; all of them send their lines
// on one channel, and the indexer ranges over that channel until it is
// closed. The reader of the application's own log closes the channel when it
// is done, on the belief that this log, the busiest, is always the last to be
// read. The night the application's log was rotated and held two lines, its
// reader finished first and closed the channel while the other readers were
// still sending: a send on a closed channel panics, and the specs report a
// PANIC, "send on closed channel", at the send.
//
// Your job: close the channel once, after the last line of every log has been
// sent. Keep one reader goroutine per log and keep the API; no time.Sleep.
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
			// TODO: is it, always? A close tells every receiver that nothing
			// will ever be sent again. Who knows when that has become true?
			if i == 0 {
				defer close(lines)
			}
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
