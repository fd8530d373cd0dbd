// Kata 33, a tempting wrong fix: send on goroutines of their own.
//
// Post starts one goroutine per member to make the send, so it never waits
// with the lock held and nothing deadlocks where it did. But Post returns
// before anyone has the message; messages to one member can overtake each
// other; and someone who joins just after a Post returned misses messages
// that are still on their way to the others, or gets one posted before they
// joined. The sends that nobody takes wait forever.
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
	for _, mb := range r.members {
		go func() { mb.inbox <- m }()
	}
}
