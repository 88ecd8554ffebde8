package main

// Checks a SCENARIO's shape before it runs, so a bad one gets an error answer naming the
// place, never a panic in a goroutine (which would end the driver).

import (
	"encoding/json"
	"fmt"
)

const maxTime = 1_000_000_000_000

func checkTime(t int64, path string) error {
	if t < 0 || t > maxTime {
		return fmt.Errorf("%s: expected a whole number of ms from 0 to 10^12", path)
	}
	return nil
}

func checkOnCancel(raw json.RawMessage, path string) error {
	if len(raw) == 0 {
		return nil
	}
	var mode string
	if json.Unmarshal(raw, &mode) == nil {
		if mode == "raise" || mode == "ignore" {
			return nil
		}
		return fmt.Errorf(`%s: expected "raise", "ignore" or {"cleanup": ms}`, path)
	}
	var cleanup cleanupSpec
	if err := json.Unmarshal(raw, &cleanup); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	return checkTime(cleanup.Cleanup, path+".cleanup")
}

func checkGather(g *gatherSpec, path string, depth int) error {
	if depth > 64 {
		return fmt.Errorf("%s: gathers nested more than 64 levels (docs/protocol.md#limits)", path)
	}
	if g.Tasks == nil {
		return fmt.Errorf(`%s: "tasks" is missing`, path)
	}
	for i := range g.Tasks {
		t := &g.Tasks[i]
		at := fmt.Sprintf("%s.tasks[%d]", path, i)
		if t.Gather != nil {
			if err := checkGather(t.Gather, at+".gather", depth+1); err != nil {
				return err
			}
			continue
		}
		if (t.Sleep == nil) == (t.Hang == nil) || (t.Hang != nil && !*t.Hang) {
			return fmt.Errorf(`%s: expected "sleep" or "hang": true`, at)
		}
		if t.Sleep != nil {
			if err := checkTime(*t.Sleep, at+".sleep"); err != nil {
				return err
			}
		}
		if err := checkOnCancel(t.OnCancel, at+".onCancel"); err != nil {
			return err
		}
	}
	for i, index := range g.Args {
		if index < 0 || index >= len(g.Tasks) {
			return fmt.Errorf("%s.args[%d]: expected the index of a task, from 0 to %d", path, i, len(g.Tasks)-1)
		}
	}
	return nil
}

// checkScenario says what is wrong with a scenario, or nil.
func checkScenario(s *gatherSpec) error {
	if err := checkGather(s, "scenario", 0); err != nil {
		return err
	}
	if s.CancelGatherAt != nil {
		if err := checkTime(*s.CancelGatherAt, "scenario.cancelGatherAt"); err != nil {
			return err
		}
	}
	for i, request := range s.CancelTasks {
		if request.Task < 0 || request.Task >= len(s.Tasks) {
			return fmt.Errorf("scenario.cancelTasks[%d].task: expected the index of a task, from 0 to %d", i, len(s.Tasks)-1)
		}
		if err := checkTime(request.At, fmt.Sprintf("scenario.cancelTasks[%d].at", i)); err != nil {
			return err
		}
	}
	return nil
}
