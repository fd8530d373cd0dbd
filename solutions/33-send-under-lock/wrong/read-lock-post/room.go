// Kata 33, a tempting wrong fix: a sync.RWMutex, read-locked in Post.
//
// Post only reads the list of members, and so does Members: as readers they
// share the lock, and a client can ask who is there while Post waits for it.
// But Post still holds a lock across the send. Someone who Joins meanwhile
// waits in Lock for Post's read lock, and once a writer waits, a RWMutex lets
// no new reader in: the client's next Members waits for the newcomer, who
// waits for Post, which waits for the client.
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
	mu      sync.RWMutex
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
	r.mu.RLock()
	defer r.mu.RUnlock()
	names := make([]string, len(r.members))
	for i, mb := range r.members {
		names[i] = mb.name
	}
	return names
}

// Post delivers m to every member, one after another in the order they
// joined, and returns once each of them has received it.
func (r *Room) Post(m Message) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, mb := range r.members {
		mb.inbox <- m
	}
}
