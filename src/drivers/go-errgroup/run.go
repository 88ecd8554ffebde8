package main

// One scenario: every task is a goroutine started by errgroup.Group.Go, every gather is
// errgroup.WithContext and Group.Wait, on the scheduler's virtual time.

import (
	"context"
	"encoding/json"
	"errors"

	"golang.org/x/sync/errgroup"
)

type errorSpec struct {
	Name    string          `json:"name"`
	Message json.RawMessage `json:"message"`
}

type taskSpec struct {
	Sleep    *int64          `json:"sleep"`
	Hang     *bool           `json:"hang"`
	Value    json.RawMessage `json:"value"`
	Error    *errorSpec      `json:"error"`
	OnCancel json.RawMessage `json:"onCancel"`
	Gather   *gatherSpec     `json:"gather"`
}

type cancelRequest struct {
	Task int   `json:"task"`
	At   int64 `json:"at"`
}

type gatherSpec struct {
	Tasks            []taskSpec      `json:"tasks"`
	Args             []int           `json:"args"`
	ReturnExceptions bool            `json:"returnExceptions"`
	CancelGatherAt   *int64          `json:"cancelGatherAt"`
	CancelTasks      []cancelRequest `json:"cancelTasks"`
}

type cleanupSpec struct {
	Cleanup int64      `json:"cleanup"`
	Error   *errorSpec `json:"error"`
}

// scriptError is an error a task's script returns; top is the top-level task whose script
// created it, or -1.
type scriptError struct {
	spec *errorSpec
	top  int
}

func (e *scriptError) Error() string { return e.spec.Name }

type record struct {
	Started         *int64 `json:"started"`
	Settled         *int64 `json:"settled"`
	Outcome         string `json:"outcome"`
	CancelRequested *int64 `json:"cancelRequested"`
}

type scenarioRun struct {
	s        *scheduler
	scenario *gatherSpec
	records  []*record
	contexts []context.Context
	cancels  []context.CancelFunc
	gather   interface{}
}

func (r *scenarioRun) at() *int64 {
	now := r.s.now
	return &now
}

func arguments(g *gatherSpec) []int {
	if g.Args != nil {
		return g.Args
	}
	args := make([]int, len(g.Tasks))
	for i := range args {
		args[i] = i
	}
	return args
}

func errorJSON(err error) map[string]interface{} {
	var script *scriptError
	if errors.As(err, &script) {
		written := map[string]interface{}{"name": script.spec.Name, "message": script.spec.Message}
		if script.top >= 0 {
			written["task"] = script.top
		}
		return written
	}
	return map[string]interface{}{"name": "CancelledError", "message": ""}
}

func (r *scenarioRun) leaf(p *proc, ctx context.Context, t *taskSpec, top int) (interface{}, error) {
	s := r.s
	hang := t.Hang != nil
	var end int64
	if !hang {
		end = s.now + *t.Sleep
	}
	if s.sleep(p, ctx, end-s.now, hang) {
		var mode string
		var cleanup cleanupSpec
		if len(t.OnCancel) == 0 {
			mode = "raise"
		} else if json.Unmarshal(t.OnCancel, &mode) != nil {
			if err := json.Unmarshal(t.OnCancel, &cleanup); err != nil {
				panic(err)
			}
			mode = "cleanup"
		}
		switch mode {
		case "raise":
			return nil, ctx.Err()
		case "ignore":
			// Deaf to the request: sleep on to the original finish time.
			s.sleep(p, nil, end-s.now, hang)
		default:
			// Clean up, deaf to further requests, then end cancelled or with the cleanup's error.
			s.sleep(p, nil, cleanup.Cleanup, false)
			if cleanup.Error != nil {
				return nil, &scriptError{cleanup.Error, top}
			}
			return nil, context.Canceled
		}
	}
	if t.Error != nil {
		return nil, &scriptError{t.Error, top}
	}
	if t.Value == nil {
		return json.RawMessage("null"), nil
	}
	return t.Value, nil
}

// gatherOn runs errgroup.WithContext(ctx), one Group.Go per argument, and Group.Wait, on p;
// top says it is the scenario's own gather. It returns the values as RESULTs in argument order.
func (r *scenarioRun) gatherOn(p *proc, ctx context.Context, spec *gatherSpec, top bool) (interface{}, error) {
	s := r.s
	g, groupCtx := errgroup.WithContext(ctx)
	tracked := &group{}
	args := arguments(spec)
	values := make([]interface{}, len(args))
	contexts := make([]context.Context, len(spec.Tasks))
	for i := range spec.Tasks {
		contexts[i] = groupCtx
		if top {
			taskCtx, cancel := context.WithCancel(groupCtx)
			contexts[i] = taskCtx
			r.contexts = append(r.contexts, taskCtx)
			r.cancels = append(r.cancels, cancel)
			index := i
			for _, request := range spec.CancelTasks {
				if request.Task == index {
					s.callAt(request.At, cancel)
				}
			}
		}
	}
	for slot, index := range args {
		slot, index := slot, index
		child := s.newProc(tracked)
		g.Go(func() error {
			child.await()
			var rec *record
			if top {
				rec = r.records[index]
				if rec.Started == nil {
					rec.Started = r.at()
				}
			}
			value, err := r.task(child, contexts[index], &spec.Tasks[index], top, index)
			values[slot] = map[string]interface{}{"value": value}
			if rec != nil && rec.Settled == nil {
				rec.Settled = r.at()
				rec.Outcome = "value"
				if errors.Is(err, context.Canceled) {
					rec.Outcome = "cancelled"
				} else if err != nil {
					rec.Outcome = "error"
				}
			}
			s.exit(child, tracked)
			return err
		})
	}
	if err := s.wait(p, tracked, g.Wait); err != nil {
		return nil, err
	}
	return values, nil
}

func (r *scenarioRun) task(p *proc, ctx context.Context, t *taskSpec, top bool, index int) (interface{}, error) {
	if t.Gather != nil {
		return r.gatherOn(p, ctx, t.Gather, false)
	}
	if !top {
		index = -1
	}
	return r.leaf(p, ctx, t, index)
}

// noteCancels records when a cancellation request first reached each unsettled top-level task.
func (r *scenarioRun) noteCancels() {
	for i, ctx := range r.contexts {
		rec := r.records[i]
		if rec.Settled == nil && rec.CancelRequested == nil && ctx.Err() != nil {
			rec.CancelRequested = r.at()
		}
	}
}

// observe runs the scenario to its end and returns its OBSERVATION.
func observe(scenario *gatherSpec) map[string]interface{} {
	r := &scenarioRun{s: newScheduler(), scenario: scenario, records: []*record{}, gather: map[string]interface{}{"pending": true}}
	for range scenario.Tasks {
		r.records = append(r.records, &record{Outcome: "pending"})
	}
	r.s.onScan = r.noteCancels
	ctx, cancel := context.WithCancel(context.Background())
	if scenario.CancelGatherAt != nil {
		r.s.callAt(*scenario.CancelGatherAt, cancel)
	}
	main := r.s.newProc(nil)
	go func() {
		main.await()
		values, err := r.gatherOn(main, ctx, scenario, true)
		if err != nil {
			r.gather = map[string]interface{}{"at": r.s.now, "error": errorJSON(err)}
		} else {
			r.gather = map[string]interface{}{"at": r.s.now, "value": values}
		}
		r.s.exit(main, nil)
	}()
	r.s.run()
	cancel()
	for _, cancelTask := range r.cancels {
		cancelTask()
	}
	return map[string]interface{}{"gather": r.gather, "tasks": r.records, "unhandled": []interface{}{}}
}
