#!/usr/bin/env python3
"""CPython's own asyncio.gather as a subject of the gather-sim/1 protocol (docs/protocol.md).

Standard library only. Reads one request per line on stdin, answers each in order on
stdout, and exits 0 when stdin closes. Each scenario runs the real asyncio.gather on a
fresh event loop whose clock jumps to the next timer whenever nothing is ready, so no
scenario waits in real time and a year-long sleep takes no longer than a short one.
Times are virtual milliseconds: the loop's time unit is one millisecond.

    python3 cpython-asyncio.py [--name NAME] < requests.jsonl

The file is also a module: `answer_line` answers one request line, on any CPython from
3.9 on, so `pyodide-cpython-3.14.mjs` runs this same code inside Pyodide (CPython 3.14 in
WebAssembly) and any difference between the two is the runtime's.
"""

import asyncio
import gc
import json
import sys

# The name in the hello: "cpython-asyncio", or the one given as `--name NAME` (gather-sim's
# `--python INTERPRETER` passes the interpreter's, like "pypy-3.9-asyncio").
HELLO = {
    "protocol": "gather-sim/1",
    "name": sys.argv[2] if sys.argv[1:2] == ["--name"] and len(sys.argv) > 2 else "cpython-asyncio",
    "supports": {"returnExceptions": True, "cancellation": True, "dedupe": True},
}


class JumpingSelector:
    """The loop's selector, which never blocks: it moves the loop's clock to the next timer
    instead, and stops the loop when nothing at all is scheduled (the run is over)."""

    def __init__(self, loop):
        self.loop = loop

    def select(self, timeout=None):
        loop = self.loop
        if timeout is None:
            loop.stop()
        elif timeout > 0 and loop._scheduled:
            loop.now = max(loop.now, loop._scheduled[0]._when)
        return []

    def close(self):
        pass


class VirtualLoop(asyncio.BaseEventLoop):
    """An event loop on virtual time, in milliseconds: asyncio's own BaseEventLoop (its
    `_run_once` schedules every callback and timer), with no file descriptors at all, so it
    needs no sockets (which WebAssembly builds lack) and no thread."""

    def __init__(self):
        super().__init__()
        self._selector = JumpingSelector(self)
        self.now = 0.0
        # Timers within half a millisecond of now are due: every scenario time is an integer.
        self._clock_resolution = 0.5

    def time(self):
        return self.now

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass


class RecordedTask(asyncio.Task):
    """A task that records when a cancellation request first reached it while running."""

    record = None

    def cancel(self, msg=None):
        if self.record is not None and not self.done() and self.record["cancelRequested"] is None:
            self.record["cancelRequested"] = int(self.get_loop().time())
        return super().cancel(msg)


class InsertionOrderedSet:
    """The set operations asyncio's TaskGroup, anyio's CancelScope and trio's CancelStatus use
    on their children, iterated in insertion order instead of by address (the language
    drivers beside this file put it in place of those sets, so that same-instant
    cancellations go out in creation order)."""

    def __init__(self):
        self.items = {}

    def add(self, item):
        self.items[item] = None

    def remove(self, item):
        del self.items[item]

    def discard(self, item):
        self.items.pop(item, None)

    def __contains__(self, item):
        return item in self.items

    def __iter__(self):
        return iter(list(self.items))

    def __len__(self):
        return len(self.items)


class Run:
    """One scenario on one loop: builds the tasks, runs them, and writes the OBSERVATION."""

    def __init__(self, scenario):
        self.scenario = scenario
        self.loop = VirtualLoop()
        self.origins = {}  # id(error) -> (top-level task index, error)
        self.unhandled = []
        self.records = [
            {"started": None, "settled": None, "outcome": "pending", "cancelRequested": None}
            for _ in scenario["tasks"]
        ]
        self.gather = {"pending": True}

    def make_error(self, spec, top):
        error = type(spec["name"], (Exception,), {})(spec["message"])
        if top is not None:
            self.origins[id(error)] = (top, error)
        return error

    def error_json(self, error):
        if isinstance(error, asyncio.CancelledError):
            return {"name": "CancelledError", "message": ""}
        written = {"name": type(error).__name__, "message": str(error)}
        origin = self.origins.get(id(error))
        if origin is not None and origin[1] is error:
            written["task"] = origin[0]
        return written

    def result_json(self, result, task):
        if isinstance(result, BaseException):
            return {"error": self.error_json(result)}
        if "gather" in task:
            inner = task["gather"]
            args = arguments(inner)
            return {"value": [self.result_json(item, inner["tasks"][args[i]]) for i, item in enumerate(result)]}
        return {"value": result}

    async def leaf(self, spec, top):
        loop = self.loop
        on_cancel = spec.get("onCancel", "raise")
        hang = "hang" in spec
        end = None if hang else loop.time() + spec["sleep"]
        try:
            if hang:
                await loop.create_future()
            else:
                await asyncio.sleep(spec["sleep"])
        except asyncio.CancelledError:
            if on_cancel == "raise":
                raise
            if on_cancel == "ignore":
                # Swallow every request and sleep on to the original finish time.
                while True:
                    try:
                        if end is None:
                            await loop.create_future()
                        elif end > loop.time():
                            await asyncio.sleep(end - loop.time())
                        break
                    except asyncio.CancelledError:
                        continue
            else:
                # Clean up; a further cancellation during cleanup is ignored.
                cleanup_end = loop.time() + on_cancel["cleanup"]
                while True:
                    try:
                        await asyncio.sleep(max(0, cleanup_end - loop.time()))
                        break
                    except asyncio.CancelledError:
                        continue
                if "error" in on_cancel:
                    raise self.make_error(on_cancel["error"], top)
                raise asyncio.CancelledError()
        if "error" in spec:
            raise self.make_error(spec["error"], top)
        return spec["value"]

    def build(self, gather, top_level):
        tasks = []
        for index, spec in enumerate(gather["tasks"]):
            if "gather" in spec:
                coroutine = self.nested(spec["gather"])
            else:
                coroutine = self.leaf(spec, index if top_level else None)
            if top_level:
                coroutine = self.recorded(coroutine, self.records[index])
            task = RecordedTask(coroutine, loop=self.loop)
            if top_level:
                task.record = self.records[index]
            tasks.append(task)
        return tasks

    async def recorded(self, coroutine, record):
        # Records how and when a top-level task finishes from inside it, the instant its
        # task does, without retrieving its exception: asyncio's own bookkeeping of
        # unretrieved exceptions stays as a user's program would have it.
        try:
            result = await coroutine
        except asyncio.CancelledError:
            self.settle(record, "cancelled")
            raise
        except Exception:
            self.settle(record, "error")
            raise
        self.settle(record, "value")
        return result

    def settle(self, record, outcome):
        record["settled"] = int(self.loop.time())
        record["outcome"] = outcome

    async def nested(self, gather):
        children = self.build(gather, False)
        return await asyncio.gather(
            *[children[i] for i in arguments(gather)], return_exceptions=gather.get("returnExceptions", False)
        )

    async def main(self):
        loop = self.loop
        scenario = self.scenario
        tasks = self.build(scenario, True)
        for record in self.records:
            record["started"] = 0
        args = arguments(scenario)
        outer = asyncio.gather(*[tasks[i] for i in args], return_exceptions=scenario.get("returnExceptions", False))
        outer.add_done_callback(lambda done: self.gather_done(done, args))
        # Every task, nested ones included, takes its first step before any event at time 0:
        # the gather is called at 0 and starts all its children then (rule R1).
        for _ in range(depth(scenario) + 2):
            await asyncio.sleep(0)
        if "cancelGatherAt" in scenario:
            loop.call_at(scenario["cancelGatherAt"], outer.cancel)
        for request in scenario.get("cancelTasks", []):
            loop.call_at(request["at"], tasks[request["task"]].cancel)

    def gather_done(self, outer, args):
        at = int(self.loop.time())
        if outer.cancelled():
            self.gather = {"at": at, "error": {"name": "CancelledError", "message": ""}}
        elif outer.exception() is not None:
            self.gather = {"at": at, "error": self.error_json(outer.exception())}
        else:
            tasks = self.scenario["tasks"]
            self.gather = {"at": at, "value": [self.result_json(result, tasks[args[i]]) for i, result in enumerate(outer.result())]}

    def observe(self):
        loop = self.loop
        loop.set_exception_handler(lambda _, context: self.unhandled.append(context.get("exception")))
        # A host may keep a loop of its own registered as running (Pyodide's WebLoop is, for
        # good): this scenario's loop takes the slot for the run, then gives it back.
        host = asyncio.events._get_running_loop()
        asyncio.events._set_running_loop(None)
        try:
            loop.create_task(self.main())
            loop.run_forever()
            # "exception was never retrieved" is reported when a task or future is collected.
            gc.collect()
        finally:
            loop.close()
            asyncio.events._set_running_loop(host)
        return {
            "gather": self.gather,
            "tasks": self.records,
            "unhandled": [self.error_json(error) for error in self.unhandled if error is not None],
        }


def arguments(gather):
    return gather.get("args", list(range(len(gather["tasks"]))))


def depth(gather):
    return 1 + max([depth(task["gather"]) for task in gather["tasks"] if "gather" in task] or [0])


def answer(line, make_run=None):
    """The answer to one request line, as a dict; `make_run` (default `Run`) runs its scenario."""
    try:
        request = json.loads(line)
    except ValueError as error:
        return {"id": None, "error": "not a JSON line: %s" % error}
    if not isinstance(request, dict):
        return {"id": None, "error": "expected a request {\"id\": integer, \"scenario\": {...}}"}
    request_id = request.get("id")
    if not isinstance(request_id, int) or isinstance(request_id, bool):
        return {"id": None, "error": "\"id\": expected an integer"}
    scenario = request.get("scenario")
    if not isinstance(scenario, dict) or not isinstance(scenario.get("tasks"), list):
        return {"id": request_id, "error": "\"scenario\": expected a SCENARIO with \"tasks\""}
    try:
        return {"id": request_id, "observation": (make_run or Run)(scenario).observe()}
    except Exception as error:  # a scenario this driver cannot run: say why, and go on
        return {"id": request_id, "error": "could not run the scenario: %r" % error}


def answer_line(line):
    """The answer to one request line, as one JSON line without its newline."""
    return json.dumps(answer(line))


def serve(hello, make_run=None):
    """Says `hello`, then answers every request line of stdin in order until it closes: the
    session of every Python driver (the TaskGroup, trio and anyio ones pass a `make_run`)."""
    # Everything alive now lives for the whole session: keep it out of the per-scenario
    # collections, which then only walk what a scenario left behind.
    if hasattr(gc, "freeze"):  # PyPy has no gc.freeze
        gc.freeze()
    sys.stdout.write(json.dumps(hello) + "\n")
    sys.stdout.flush()
    for line in sys.stdin:
        if line.strip() == "":
            continue
        sys.stdout.write(json.dumps(answer(line, make_run)) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(serve(HELLO))
