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
// Solution: Post holds the lock only to copy the list of members, releases
// it, and then sends. A send may wait as long as the client likes; the lock
// is free meanwhile, so the client can call Members, and newcomers can Join.
// The rule behind it: never block (on a send, a receive, a Wait, or a call
// into code you do not control) while holding a lock that the goroutine you
// wait for may need.
package chatroom

import (
	"slices"
	"sync"
)

// Message is one line posted in a room.
type Message struct {
	From, Text string
}

// member is one person in the room, and the inbox their client reads.
type member struct {
	name  string
	inbox chan Message // unbuffered; never closed
}

// Room is a chat room. The zero value is an empty room, ready to use; a Room
// must not be copied after first use (it holds a mutex). Its methods are safe
// to call from several goroutines at once, the clients' included.
type Room struct {
	mu      sync.Mutex // protects members; never held while sending
	members []member   // in the order they joined
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
//
// "Every member" is the members at the moment Post starts: someone who
// joins while m is on its way does not get m, but gets every message posted
// after their Join returned. Posts made one after another reach each member
// in that order; Posts made by several goroutines at once may reach two
// members in different orders. A client must not Post to its own room from
// the goroutine that reads its inbox: Post would wait for that very goroutine
// to receive.
func (r *Room) Post(m Message) {
	// The lock guards the list, not the deliveries: take it to copy the
	// list, and let go before the first send. A send waits for a receiver
	// that may need the lock first (a client calling Members, or anyone
	// calling Join); holding the lock across it makes that receiver and
	// this sender wait for each other forever.
	//
	// The copy matters. Dropping the lock from Post altogether (the
	// tempting fix) reads r.members while Join appends to it: a data race.
	// A buffered inbox only postpones the wall: once a client falls one
	// message behind, Post blocks on a full buffer with the lock held, and
	// the deadlock is back. A sync.RWMutex read-locked in Post still holds
	// a lock across the send: Join's Lock waits for it, and once a writer
	// waits, the client's next read lock waits too.
	r.mu.Lock()
	members := slices.Clone(r.members)
	r.mu.Unlock()

	for _, mb := range members {
		mb.inbox <- m
	}
}
