// Kata 33, a correct alternative: an immutable member list, swapped
// atomically.
//
// The list of members is never changed in place. Join builds a new list (the
// old one plus the newcomer) and publishes it with an atomic store; Post and
// Members load whichever list is current and read it without any lock, since
// nobody ever writes to a published list. So Post holds nothing while it
// sends, a client can ask who is there at any moment, and someone who joins
// during a delivery is not in the list that delivery loaded: they get only
// what is posted after they joined. A mutex still orders the Joins among
// themselves, so that two newcomers at once do not each publish a list
// without the other.
package chatroom

import (
	"sync"
	"sync/atomic"
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

// Room is a chat room. The zero value is an empty room, ready to use.
type Room struct {
	join    sync.Mutex               // orders Joins; never held while sending
	members atomic.Pointer[[]member] // the current list; a published list is never written again
}

// list returns the current members, in the order they joined. The caller
// must not modify the slice.
func (r *Room) list() []member {
	if p := r.members.Load(); p != nil {
		return *p
	}
	return nil
}

// Join adds a member called name and returns their inbox: the channel on
// which they receive every message posted after Join returns. The inbox is
// unbuffered: a member must keep receiving, or Post waits for them.
func (r *Room) Join(name string) <-chan Message {
	r.join.Lock()
	defer r.join.Unlock()
	inbox := make(chan Message)
	old := r.list()
	next := make([]member, len(old), len(old)+1)
	copy(next, old)
	next = append(next, member{name: name, inbox: inbox})
	r.members.Store(&next)
	return inbox
}

// Members returns the names of the members, in the order they joined.
func (r *Room) Members() []string {
	list := r.list()
	names := make([]string, len(list))
	for i, mb := range list {
		names[i] = mb.name
	}
	return names
}

// Post delivers m to every member, one after another in the order they
// joined, and returns once each of them has received it.
func (r *Room) Post(m Message) {
	for _, mb := range r.list() {
		mb.inbox <- m
	}
}
