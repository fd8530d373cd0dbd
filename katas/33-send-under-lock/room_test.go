package chatroom_test

import (
	"runtime"
	"slices"
	"strings"
	"sync"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	chatroom "github.com/racekatas/racekatas/katas/33-send-under-lock"
)

// thread is what every spec posts, in this order. Three messages: a room
// that buffers one message per member still has to wait at the third.
var thread = []chatroom.Message{
	{From: "ada", Text: "anyone up for lunch?"},
	{From: "bob", Text: "in ten minutes"},
	{From: "ada", Text: "see you downstairs"},
}

// A chat is one spec's room and what its clients saw. Every spec builds its
// own and hands its methods to the deadlock watchdog: a client left stuck by
// a deadlock then touches nothing that the next spec's setup writes.
type chat struct {
	room *chatroom.Room

	received [][]chatroom.Message // by member, in join order: what each client took
	lists    [][]string           // what ada's client got from Members, after each message
	early    bool                 // Post returned before ada had taken its message
}

func newChat() *chat { return &chat{room: &chatroom.Room{}} }

// everyoneReads has ada and bob join, their clients take every message, and
// the thread is posted.
func (c *chat) everyoneReads() {
	inboxes := []<-chan chatroom.Message{c.room.Join("ada"), c.room.Join("bob")}
	c.received = make([][]chatroom.Message, len(inboxes))
	var wg sync.WaitGroup
	for i, inbox := range inboxes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range thread {
				c.received[i] = append(c.received[i], <-inbox)
			}
		}()
	}
	for _, m := range thread {
		c.room.Post(m)
	}
	wg.Wait()
}

// postToSlowMember has ada join and posts one message, which ada's client
// takes only once Post is waiting for it (or has returned without it).
func (c *chat) postToSlowMember() {
	inbox := c.room.Join("ada")
	poster, posted := startPoster(c.room, thread[:1])
	waitParked(poster, posted, "chan send")
	select {
	case <-posted:
		c.early = true
	default:
	}
	c.received = [][]chatroom.Message{{<-inbox}}
	<-posted
}

// redrawAfterEachMessage has ada join, and her client, on this goroutine,
// asks for the member list after each message it takes, as the chat client
// does. It asks only once the poster is waiting to deliver the next message
// (or has posted the whole thread): the moment a client can be unlucky
// enough to ask, reached on every run, with no sleep.
func (c *chat) redrawAfterEachMessage() {
	inbox := c.room.Join("ada")
	poster, posted := startPoster(c.room, thread)
	var got []chatroom.Message
	for range thread {
		got = append(got, <-inbox)
		waitParked(poster, posted, "chan send")
		c.lists = append(c.lists, c.room.Members())
	}
	<-posted
	c.received = [][]chatroom.Message{got}
}

// bobJoinsDuringDelivery is redrawAfterEachMessage, but after ada's client
// has taken the first message, while the second is on its way to her, bob
// joins. Ada's client asks for the member list only once bob is in the room,
// or waits for a lock to get in.
func (c *chat) bobJoinsDuringDelivery() {
	inbox := c.room.Join("ada")
	poster, posted := startPoster(c.room, thread)
	var (
		got, bobGot []chatroom.Message
		bobDone     = make(chan struct{})
	)
	for i := range thread {
		got = append(got, <-inbox)
		waitParked(poster, posted, "chan send")
		if i == 0 {
			joined := make(chan struct{})
			ids := make(chan int, 1)
			go func() {
				defer close(bobDone)
				ids <- harness.GoroutineID()
				bobInbox := c.room.Join("bob")
				close(joined)
				for range thread[2:] {
					bobGot = append(bobGot, <-bobInbox)
				}
			}()
			waitParked(<-ids, joined, "sync.Mutex.Lock", "sync.RWMutex.Lock")
		}
		c.lists = append(c.lists, c.room.Members())
	}
	<-posted
	<-bobDone
	c.received = [][]chatroom.Message{got, bobGot}
}

// startPoster posts msgs, one after another, on a goroutine of its own. It
// returns that goroutine's id, and a channel closed once the last Post has
// returned.
func startPoster(room *chatroom.Room, msgs []chatroom.Message) (id int, posted <-chan struct{}) {
	done := make(chan struct{})
	ids := make(chan int, 1)
	go func() {
		defer close(done)
		ids <- harness.GoroutineID()
		for _, m := range msgs {
			room.Post(m)
		}
	}()
	return <-ids, done
}

// waitParked returns once goroutine id is parked in one of states (as a
// goroutine dump names them: "chan send", "sync.Mutex.Lock", ...), or once
// done is closed. It only looks: it orders nothing, so it hides no race.
func waitParked(id int, done <-chan struct{}, states ...string) {
	for {
		select {
		case <-done:
			return
		default:
		}
		if slices.ContainsFunc(states, func(s string) bool { return strings.HasPrefix(harness.GoroutineState(id), s) }) {
			return
		}
		runtime.Gosched()
	}
}

var _ = Describe("Room", func() {
	var c *chat

	BeforeEach(func() {
		c = newChat()
	})

	Context("when every member's client just reads", func() {
		It("delivers every message to every member, in the order posted", func() {
			harness.MustFinish(c.everyoneReads)
			Expect(c.received).To(Equal([][]chatroom.Message{thread, thread}))
			Expect(c.room.Members()).To(Equal([]string{"ada", "bob"}))
		})
	})

	Context("when a member is slow to take a message", func() {
		It("returns from Post only once the member has it", func() {
			harness.MustFinish(c.postToSlowMember)
			Expect(c.early).To(BeFalse(), "Post returned before ada's client had taken the message")
			Expect(c.received).To(Equal([][]chatroom.Message{thread[:1]}))
		})
	})

	Context("when a client asks who is in the room before it takes the next message", func() {
		It("delivers every message, and answers the client each time", func() {
			harness.MustFinish(c.redrawAfterEachMessage)
			Expect(c.received).To(Equal([][]chatroom.Message{thread}))
			Expect(c.lists).To(Equal([][]string{{"ada"}, {"ada"}, {"ada"}}))
		})
	})

	Context("when someone joins while a message is on its way", func() {
		It("lets them in, and delivers them what is posted after they joined", func() {
			harness.MustFinish(c.bobJoinsDuringDelivery)
			Expect(c.received[0]).To(Equal(thread), "ada's messages")
			Expect(c.received[1]).To(Equal(thread[2:]), "bob's messages: bob joined while the second was on its way")
			Expect(c.lists).To(Equal([][]string{{"ada", "bob"}, {"ada", "bob"}, {"ada", "bob"}}))
		})
	})
})
