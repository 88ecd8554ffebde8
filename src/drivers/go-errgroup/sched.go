package main

// Virtual time for goroutines: exactly one goroutine of a run holds the baton at a time, and
// gives it back to the scheduler whenever it blocks (a sleep, a Group.Wait) or ends. The
// scheduler knows how many goroutines are running because each registers around every
// blocking point, so it knows when every one is blocked and then moves the clock to the next
// timer. After a goroutine ends it waits until the goroutine has really exited (errgroup's own
// code runs after the function it was given returns), so nothing runs behind its back.

import (
	"context"
	"runtime"
	"sort"
)

// proc is one goroutine of a run.
type proc struct {
	turn      chan bool // true: run on; false: the run is over, exit
	arrived   chan struct{}
	cancelled bool // why its last sleep ended
	done      bool
}

// group is one errgroup.Group: its live goroutines, and the one blocked in its Wait.
type group struct {
	live    int
	waiter  *proc
	waiting bool
}

type yieldKind int

const (
	sleeping yieldKind = iota
	waiting
	exited
)

type yield struct {
	kind  yieldKind
	p     *proc
	group *group
}

// timer wakes a sleeping goroutine (p) or runs an action of the scenario (fire).
type timer struct {
	at   int64
	seq  int64
	hang bool
	p    *proc
	ctx  context.Context
	fire func()
}

type scheduler struct {
	now    int64
	seq    int64
	ready  []*proc
	timers []*timer
	yields chan yield
	procs  []*proc
	base   int
	alive  int
	// onScan is called after every step, to note cancellation requests.
	onScan func()
}

func newScheduler() *scheduler {
	return &scheduler{yields: make(chan yield), base: runtime.NumGoroutine()}
}

func (s *scheduler) add(t *timer) {
	t.seq = s.seq
	s.seq++
	i := sort.Search(len(s.timers), func(i int) bool {
		o := s.timers[i]
		if o.hang != t.hang {
			return t.hang == false
		}
		if o.at != t.at {
			return o.at > t.at
		}
		return o.seq > t.seq
	})
	s.timers = append(s.timers, nil)
	copy(s.timers[i+1:], s.timers[i:])
	s.timers[i] = t
}

func (s *scheduler) remove(i int) *timer {
	t := s.timers[i]
	s.timers = append(s.timers[:i], s.timers[i+1:]...)
	return t
}

// callAt runs fire on the scheduler's goroutine at the given virtual time.
func (s *scheduler) callAt(at int64, fire func()) { s.add(&timer{at: at, fire: fire}) }

// newProc registers a goroutine that is about to be started; it runs when the scheduler
// gives it its turn, after the goroutines already ready.
func (s *scheduler) newProc(g *group) *proc {
	p := &proc{turn: make(chan bool, 1), arrived: make(chan struct{}, 1)}
	s.procs = append(s.procs, p)
	s.alive++
	if g != nil {
		g.live++
	}
	s.ready = append(s.ready, p)
	return p
}

// await blocks the calling goroutine until its turn; at the end of the run it exits.
func (p *proc) await() {
	if !<-p.turn {
		runtime.Goexit()
	}
}

// sleep blocks p for ms of virtual time (for ever with hang), or until ctx (nil: none) is
// cancelled; it says whether the cancellation ended it.
func (s *scheduler) sleep(p *proc, ctx context.Context, ms int64, hang bool) bool {
	if ctx != nil && ctx.Err() != nil {
		return true
	}
	s.add(&timer{at: s.now + ms, hang: hang, p: p, ctx: ctx})
	s.yields <- yield{kind: sleeping, p: p}
	p.await()
	return p.cancelled
}

// wait runs g's Wait (wait) on p, which gives the baton back while it is blocked there.
func (s *scheduler) wait(p *proc, g *group, wait func() error) error {
	g.waiter = p
	g.waiting = true
	s.yields <- yield{kind: waiting, p: p, group: g}
	err := wait()
	p.arrived <- struct{}{}
	p.await()
	return err
}

// exit gives the baton back for good: p's function has returned.
func (s *scheduler) exit(p *proc, g *group) {
	s.yields <- yield{kind: exited, p: p, group: g}
}

// step gives p its turn and waits until it blocks or ends.
func (s *scheduler) step(p *proc) {
	p.turn <- true
	y := <-s.yields
	switch y.kind {
	case waiting:
		if y.group.live == 0 {
			s.wake(y.group)
		}
	case exited:
		y.p.done = true
		s.alive--
		// errgroup's code after the function (errOnce, cancel, wg.Done) runs now: let it finish.
		for runtime.NumGoroutine() > s.base+s.alive {
			runtime.Gosched()
		}
		if y.group != nil {
			y.group.live--
			if y.group.live == 0 && y.group.waiting {
				s.wake(y.group)
			}
		}
	}
}

// wake makes g's waiter ready once its Wait has returned.
func (s *scheduler) wake(g *group) {
	<-g.waiter.arrived
	g.waiting = false
	s.ready = append(s.ready, g.waiter)
}

// wakeCancelled makes every sleeper whose context is cancelled ready, in timer order.
func (s *scheduler) wakeCancelled() {
	for i := 0; i < len(s.timers); {
		t := s.timers[i]
		if t.p != nil && t.ctx != nil && t.ctx.Err() != nil {
			s.remove(i)
			t.p.cancelled = true
			s.ready = append(s.ready, t.p)
			continue
		}
		i++
	}
}

// run runs the goroutines and timers until every goroutine left is blocked for ever, then
// ends those.
func (s *scheduler) run() {
	for {
		s.onScan()
		s.wakeCancelled()
		if len(s.ready) > 0 {
			p := s.ready[0]
			s.ready = s.ready[1:]
			s.step(p)
			continue
		}
		if len(s.timers) == 0 || s.timers[0].hang {
			break
		}
		t := s.remove(0)
		if t.at > s.now {
			s.now = t.at
		}
		if t.p == nil {
			t.fire()
		} else {
			t.p.cancelled = false
			s.ready = append(s.ready, t.p)
		}
	}
	for _, p := range s.procs {
		if !p.done {
			p.turn <- false
		}
	}
	for runtime.NumGoroutine() > s.base {
		runtime.Gosched()
	}
}
