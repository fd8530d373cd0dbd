// Kata 33 · A send made while holding the lock
//
// A chat server delivers every message posted in a room to each member's
// inbox, an unbuffered channel. Post holds the room's lock while it delivers,
// so that nobody joins half way through a delivery. Each member's client
// takes a message from its inbox, then redraws the list of who is in the room
// from Members before it takes the next message. The first message gets
// through. The second never arrives: Post holds the lock and waits for the
// client to take the message, while the client waits for the lock to draw its
// list. The specs report a DEADLOCK.
//
// Your job: make Post deliver every message, in order, to everyone who was in
// the room when it was posted, and let clients ask who is in the room while a
// message is on its way. Keep the API; no time.Sleep.
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
	r.mu.Lock()
	defer r.mu.Unlock()
	// TODO: each send waits until that member's client takes the message,
	// and all that time this goroutine holds r.mu. What if the client needs
	// r.mu before it takes its next message?
	for _, mb := range r.members {
		mb.inbox <- m
	}
}
