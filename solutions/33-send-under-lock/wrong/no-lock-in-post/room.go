// Kata 33, a tempting wrong fix: take no lock in Post at all.
//
// No lock is held across the sends, so nothing deadlocks. But Post now reads
// r.members with no lock while Join, on another goroutine, appends to it
// under the lock. A lock orders only the goroutines that take it: the read
// and the write are a data race, and Post may walk a list half updated.
package chatroom

import "sync"

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
	for _, mb := range r.members {
		mb.inbox <- m
	}
}
