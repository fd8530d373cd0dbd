// Kata 18 · A channel closed by one of its producers
//
// A correct alternative: no closer goroutine. An atomic counter holds the
// readers still at work; each reader, once its log is read and closed,
// decrements it, and the one that takes it to zero, the last reader out,
// closes the channel.
//
// Why it is also correct: exactly one decrement returns zero, so the channel
// is closed exactly once. Every reader's sends and Close come before its own
// decrement, and every decrement before the one that reaches zero (atomic
// operations are ordered, and the race detector knows it), so the close
// comes after every line of every log and after every Close. With no logs
// there is no reader to be last, so Ship closes the channel itself.
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
	lines := make(chan string) // closed by the last reader to finish
	if len(logs) == 0 {
		close(lines)
		return lines
	}

	var reading atomic.Int64 // readers whose log is not yet read and closed
	reading.Store(int64(len(logs)))
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
			if reading.Add(-1) == 0 {
				close(lines) // the last reader out: nothing more will be sent
			}
		}()
	}
	return lines
}
