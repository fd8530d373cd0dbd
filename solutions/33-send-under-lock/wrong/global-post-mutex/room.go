// Kata 33, a tempting wrong fix: copy the members, send outside the room's
// lock, and keep the posts in order with a second mutex.
//
// Post copies the member list under the room's lock and sends outside it, so
// a client can ask who is in the room, and anyone can join, while a message
// is on its way. To keep two Posts from overtaking each other it holds a
// second mutex for the whole delivery. But that mutex is a package-level
// variable: one for every Room in the process, not one per room. While a
// Post waits for a slow member in one room, every Post in every other room
// waits behind it. A client that forwards each message it takes to another
// room before taking the next waits, in that room's Post, for the mutex held
// by the Post that waits for it: the deadlock is back, across two rooms.
package chatroom

import "sync"

// Message is one line posted in a room.
type Message struct {
	From, Text string
}

type member struct {
	name  string
	inbox chan Message
}

type Room struct {
	mu      sync.Mutex
	members []member // in the order they joined
}

func (r *Room) Join(name string) <-chan Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	inbox := make(chan Message)
	r.members = append(r.members, member{name: name, inbox: inbox})
	return inbox
}

func (r *Room) Members() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	names := make([]string, len(r.members))
	for i, mb := range r.members {
		names[i] = mb.name
	}
	return names
}

// deliver makes Posts one step each: members see messages in one order.
var deliver sync.Mutex

// Post delivers m to every member, one after another in the order they
// joined, and returns once each of them has received it.
func (r *Room) Post(m Message) {
	deliver.Lock()
	defer deliver.Unlock()
	r.mu.Lock()
	members := append([]member(nil), r.members...)
	r.mu.Unlock()
	for _, mb := range members {
		mb.inbox <- m
	}
}
