package chatroom_test

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

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
	// Nobody reads yet: Post must wait for ada's client without using a
	// core.
	expectParked(poster, posted, "chan send")
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
	expectParked(poster, posted, "chan send")
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
	expectParked(poster, posted, "chan send")
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

// forwardEachMessage has ada join the room and bob join a second room, the
// kitchen. Ada's client forwards each message it takes to the kitchen, and
// only then takes the next; bob's client takes whatever reaches the
// kitchen. Ada's client forwards only once the poster is waiting to deliver
// the next message to her (or has posted the whole thread): a Post in the
// kitchen must not wait for anything the room's Post holds while it waits
// for ada.
func (c *chat) forwardEachMessage() {
	kitchen := &chatroom.Room{}
	inbox := c.room.Join("ada")
	bobInbox := kitchen.Join("bob")
	var bobGot []chatroom.Message
	bobDone := make(chan struct{})
	go func() {
		defer close(bobDone)
		for range thread {
			bobGot = append(bobGot, <-bobInbox)
		}
	}()
	poster, posted := startPoster(c.room, thread)
	expectParked(poster, posted, "chan send")
	var got []chatroom.Message
	for range thread {
		m := <-inbox
		got = append(got, m)
		waitParked(poster, posted, "chan send")
		kitchen.Post(m)
	}
	<-posted
	<-bobDone
	c.received = [][]chatroom.Message{got, bobGot}
}

// postAtOnce has ada and bob join, their clients take every message, and
// two posters post at the same moment, while carol joins and her client
// takes whatever reaches her, and someone asks who is in the room: every
// pair of Room's methods, run at once. It returns what ada and bob received.
func (c *chat) postAtOnce() {
	inboxes := []<-chan chatroom.Message{c.room.Join("ada"), c.room.Join("bob")}
	c.received = make([][]chatroom.Message, len(inboxes))
	var clients sync.WaitGroup
	for i, inbox := range inboxes {
		clients.Add(1)
		go func() {
			defer clients.Done()
			for range thread[:2] {
				c.received[i] = append(c.received[i], <-inbox)
			}
		}()
	}
	stop := make(chan struct{})
	carolDone := make(chan struct{})
	harness.Stress(4, func(i int) {
		switch i {
		case 0, 1:
			c.room.Post(thread[i])
		case 2:
			carol := c.room.Join("carol")
			go func() {
				defer close(carolDone)
				for {
					select {
					case <-carol:
					case <-stop:
						return
					}
				}
			}()
		case 3:
			_ = c.room.Members()
		}
	})
	close(stop)
	<-carolDone
	clients.Wait()
}

// thenElsewhere runs first on a goroutine of its own and, once that
// goroutine has ended, runs then on this one, under the deadlock watchdog.
// Nothing orders the two but the code under test: a method that reads its
// state after letting go of the lock leaves that read unordered with what
// then writes, which the race detector reports whatever the timing.
func thenElsewhere(first, then func()) {
	GinkgoHelper()
	done := make(chan struct{})
	ids := make(chan int, 1)
	harness.MustFinish(func() {
		go func() {
			defer close(done)
			ids <- harness.GoroutineID()
			first()
		}()
		id := <-ids
		// Only looks (no synchronisation): waits until first's
		// goroutine has ended, or a second has passed.
		for deadline := time.Now().Add(time.Second); harness.GoroutineState(id) != "" && time.Now().Before(deadline); {
			runtime.Gosched()
		}
		then()
		<-done
	})
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

// watchBound bounds a spec that also watches for busy waiting: the deadlock
// bound, plus room for the look itself and the bounded wait before it.
const watchBound = harness.DeadlockBound + time.Second

// expectParked gives goroutine id up to half a second to park in one of states
// (or to close done), then fails the spec if any goroutine of the code under
// test keeps running instead of waiting. A goroutine that spins never parks:
// the check comes after the bounded wait, so that a goroutine that is merely
// slow to get there on a loaded machine is not mistaken for a spinner.
func expectParked(id int, done <-chan struct{}, states ...string) {
	GinkgoHelper()
	deadline := time.Now().Add(500 * time.Millisecond)
	for time.Now().Before(deadline) {
		select {
		case <-done:
			return
		default:
		}
		if slices.ContainsFunc(states, func(s string) bool { return strings.HasPrefix(harness.GoroutineState(id), s) }) {
			break
		}
		runtime.Gosched()
	}
	harness.ExpectNoBusyWait()
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
			harness.MustFinishWithin(watchBound, c.postToSlowMember)
			Expect(c.early).To(BeFalse(), "Post returned before ada's client had taken the message")
			Expect(c.received).To(Equal([][]chatroom.Message{thread[:1]}))
		})
	})

	Context("when a client asks who is in the room before it takes the next message", func() {
		It("delivers every message, and answers the client each time", func() {
			harness.MustFinishWithin(watchBound, c.redrawAfterEachMessage)
			Expect(c.received).To(Equal([][]chatroom.Message{thread}))
			Expect(c.lists).To(Equal([][]string{{"ada"}, {"ada"}, {"ada"}}))
		})
	})

	Context("when someone joins while a message is on its way", func() {
		It("lets them in, and delivers them what is posted after they joined", func() {
			harness.MustFinishWithin(watchBound, c.bobJoinsDuringDelivery)
			Expect(c.received[0]).To(Equal(thread), "ada's messages")
			Expect(c.received[1]).To(Equal(thread[2:]), "bob's messages: bob joined while the second was on its way")
			Expect(c.lists).To(Equal([][]string{{"ada", "bob"}, {"ada", "bob"}, {"ada", "bob"}}))
		})
	})
	Context("when two members post at the same moment, while someone joins", func() {
		It("delivers both messages to everyone who was there", func() {
			harness.MustFinish(c.postAtOnce)
			for i, got := range c.received {
				Expect(got).To(ConsistOf(thread[0], thread[1]), "member %d's messages", i)
			}
			Expect(c.room.Members()).To(Equal([]string{"ada", "bob", "carol"}))
		})
	})

	Context("when several people join at the same moment", func() {
		It("lets every one of them in", func() {
			// Nothing orders the Joins but the room: a Join that adds
			// its member after letting go of the lock is unordered with
			// the others, which the race detector reports on every run.
			room := &chatroom.Room{}
			names := []string{"ada", "bob", "carol", "dan"}
			harness.MustFinish(func() {
				harness.Stress(len(names), func(i int) { room.Join(names[i]) })
			})
			Expect(room.Members()).To(ConsistOf(names))
		})
	})

	Context("when someone asks who is in the room, and then someone joins", func() {
		It("answers with the members there were, and lets the newcomer in", func() {
			// A few rooms, one after another: each is a fresh chance for
			// the race detector, whose memory of past reads is small.
			for range 4 {
				room := &chatroom.Room{}
				harness.MustFinish(func() { room.Join("ada") })
				var names []string
				thenElsewhere(func() { names = room.Members() }, func() { room.Join("bob") })
				Expect(names).To(Equal([]string{"ada"}))
				Expect(room.Members()).To(Equal([]string{"ada", "bob"}))
			}
		})
	})

	Context("when nobody is in the room", func() {
		It("returns from Post at once", func() {
			room := &chatroom.Room{}
			harness.MustFinish(func() {
				for _, m := range thread {
					room.Post(m)
				}
			})
			Expect(room.Members()).To(BeEmpty())
		})
	})

	// Last: a Post that waits for other rooms, left stuck here, would hold
	// up every Post of the specs after it.
	Context("when a client forwards each message to another room before it takes the next", func() {
		It("delivers every message in both rooms: a room's Post waits for no other room", func() {
			harness.MustFinishWithin(watchBound, c.forwardEachMessage)
			Expect(c.received[0]).To(Equal(thread), "ada's messages")
			Expect(c.received[1]).To(Equal(thread), "bob's messages, forwarded to the kitchen by ada's client")
		})
	})
})
