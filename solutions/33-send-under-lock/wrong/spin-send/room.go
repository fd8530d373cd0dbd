// Kata 33, a tempting wrong fix: try the send, and let go of the lock while
// the member is busy.
//
// Post offers the message with a select and a default case: if the client is
// not ready, Post unlocks, yields and tries again. The client can now take
// the lock to draw its list, so nothing deadlocks. But a Post to a client
// that is slow to read never parks: it locks, tries, unlocks and yields in a
// tight loop for as long as the client takes, burning a core the whole time.
package chatroom

import (
	"runtime"
	"sync"
)

// Message is one line posted in a room.
type Message struct {
	From, Text string
}

// member is one person in the room, and the inbox their client reads.
type member struct {
	name  string
	inbox chan Message
}

// Room is a chat room. The zero value is an empty room, ready to use.
type Room struct {
	mu      sync.Mutex
	members []member // in the order they joined
}

// Join adds a member called name and returns their inbox: the channel on
// which they receive every message posted after Join returns. The inbox is
// unbuffered: a member must keep receiving, or Post waits for them.
func (r *Room) Join(name string) <-chan Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	inbox := make(chan Message)
	r.members = append(r.members, member{name: name, inbox: inbox})
	return inbox
}

// Members returns the names of the members, in the order they joined.
func (r *Room) Members() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	names := make([]string, len(r.members))
	for i, mb := range r.members {
		names[i] = mb.name
	}
	return names
}

// Post delivers m to every member, one after another in the order they
// joined, and returns once each of them has received it.
func (r *Room) Post(m Message) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, mb := range r.members {
		for sent := false; !sent; {
			select {
			case mb.inbox <- m:
				sent = true
			default:
				r.mu.Unlock()
				runtime.Gosched()
				r.mu.Lock()
			}
		}
	}
}
