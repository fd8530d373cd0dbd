// Kata 33, a tempting wrong fix: give every inbox a big buffer.
//
// A buffer of one only moved the deadlock to the second message, so this fix
// makes it 64: no chat thread in the specs is that long, Post never waits for
// a client, and holding the lock across the send no longer matters. But Post
// now returns before the member has the message, which it promised not to
// do, and the lock is still held across a send: the 65th message of a client
// that stops to draw its list deadlocks as before.
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
	inbox := make(chan Message, 64)
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
		mb.inbox <- m
	}
}
