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
// Solution: no reader closes the channel. A sync.WaitGroup counts the readers
// still sending, and one more goroutine, the closer, waits for that count to
// reach zero and then closes the channel. Each reader's last send happens
// before its Done, every Done before Wait returns, and Wait before the
// close: the close comes after every send, whichever log is read last.
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
//
// Every log is closed before the channel is. With no logs, the channel comes
// back empty and, soon after, closed. The goroutines Ship starts all return
// once the caller has received every line.
func Ship(logs []Log) <-chan string {
	lines := make(chan string) // closed by the closer below, and only by it

	// readers counts the goroutines that may still send on lines. Every Add
	// happens here, before the closer is started, so its Wait cannot see the
	// count at zero while a reader has yet to be counted in.
	var readers sync.WaitGroup
	for _, lg := range logs {
		readers.Add(1)
		go func() {
			defer readers.Done()
			defer lg.Close() // deferred last, so it runs first: before Done
			// No reader closes lines: a reader knows when its own log is
			// done, never when the others are. Whichever reader finished
			// first would close the channel under the feet of those still
			// sending, as the application's reader did. Making every reader
			// close it is worse: the first close makes the others' sends
			// panic, and the second close panics too.
			for {
				line, ok := lg.Next()
				if !ok {
					return
				}
				lines <- line
			}
		}()
	}

	// The closer owns the close. Once Wait returns no reader is left that
	// could send, so closing can no longer make a send panic, and the
	// indexer's range ends right after the last line. Leaving lines open
	// instead, since "nobody closes, nobody panics", keeps the indexer
	// waiting forever for a line that will not come.
	go func() {
		readers.Wait()
		close(lines)
	}()
	return lines
}
