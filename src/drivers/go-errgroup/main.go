// Go's errgroup (golang.org/x/sync/errgroup) as a subject of the gather-sim/1 protocol
// (docs/protocol.md). Every task is a goroutine started by Group.Go; every gather is
// errgroup.WithContext then Group.Wait, results collected in argument order. Go has no virtual
// time before testing/synctest (1.24), so the driver schedules the goroutines itself (sched.go):
// one runs at a time, each hands the baton back at every sleep and wait, and the clock jumps
// to the next timer when all are blocked. Mapping:
//
//   - errors: Wait returns the first error returned in time (errgroup keeps it with a
//     sync.Once) after every goroutine has returned; the first error cancels the group's context.
//
//   - cancellation: by context. "Cancel the gather" cancels the context given to WithContext;
//     each top-level task runs with a context of its own under the group's, which "cancel task
//     i" cancels. A sleep ends when its context is cancelled; onCancel "raise" returns
//     ctx.Err() (context.Canceled, written CancelledError), "ignore" and "cleanup" go on deaf.
//
//   - capabilities: no returnExceptions (errgroup keeps one error); no dedupe (Group.Go runs a
//     function, not a task: a repeated index runs the task once per slot).
//
//   - unhandled: errgroup drops every error after the first; Go has no report of it: none.
//
//     GO111MODULE=off GOPATH=/usr/share/gocode go build -o driver . && ./driver < requests.jsonl
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"runtime"
)

var integer = regexp.MustCompile(`^-?[0-9]+$`)

func answer(line []byte) (answer map[string]interface{}) {
	var request struct {
		ID       json.RawMessage `json:"id"`
		Scenario json.RawMessage `json:"scenario"`
	}
	if err := json.Unmarshal(line, &request); err != nil {
		return map[string]interface{}{"id": nil, "error": "not a request line: " + err.Error()}
	}
	if !integer.Match(request.ID) {
		return map[string]interface{}{"id": nil, "error": `"id": expected an integer`}
	}
	var scenario gatherSpec
	if err := json.Unmarshal(request.Scenario, &scenario); err != nil || scenario.Tasks == nil {
		return map[string]interface{}{"id": request.ID, "error": `"scenario": expected a SCENARIO with "tasks"`}
	}
	if err := checkScenario(&scenario); err != nil {
		return map[string]interface{}{"id": request.ID, "error": "not a valid scenario: " + err.Error()}
	}
	defer func() {
		// A scenario this driver cannot run: say why, and go on.
		if why := recover(); why != nil {
			answer = map[string]interface{}{"id": request.ID, "error": fmt.Sprint("could not run the scenario: ", why)}
		}
	}()
	return map[string]interface{}{"id": request.ID, "observation": observe(&scenario)}
}

func write(out *bufio.Writer, message interface{}) {
	encoder := json.NewEncoder(out)
	encoder.SetEscapeHTML(false)
	if err := encoder.Encode(message); err != nil {
		panic(err)
	}
	if err := out.Flush(); err != nil {
		os.Exit(1)
	}
}

func main() {
	runtime.GOMAXPROCS(1)
	out := bufio.NewWriter(os.Stdout)
	write(out, map[string]interface{}{
		"protocol": "gather-sim/1",
		"name":     "go-1.19-errgroup",
		"supports": map[string]bool{"returnExceptions": false, "cancellation": true, "dedupe": false},
	})
	in := bufio.NewReaderSize(os.Stdin, 1<<16)
	for {
		line, err := in.ReadBytes('\n')
		line = bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
		if len(bytes.TrimSpace(line)) > 0 {
			write(out, answer(line))
		}
		if err != nil {
			return
		}
	}
}
