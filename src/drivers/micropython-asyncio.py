# The Python half of the MicroPython driver (micropython-asyncio.mjs loads it into
# MicroPython's WebAssembly port and calls run). It runs one scenario with MicroPython's own,
# unmodified asyncio.gather (extmod/asyncio/funcs.py) on virtual time.
#
# The port's scheduler (ports/webassembly/asyncio/core.py) arms one JavaScript timer through
# core._schedule_run_iter and runs its step, core._run_iter, when the timer fires. This
# module replaces that one hook: it notes when the next step is due, and `drive` calls
# core._run_iter itself, moving the virtual clock (the JavaScript module gathersim_clock,
# which MicroPython reads through Date.now) to the next due time when nothing is ready.
#
# What run receives is the scenario with its values and error texts left in JavaScript:
# a leaf's "value" is absent and each error is an integer reference. What it returns is
# JSON text, [gather, tasks, unhandled], with every error written as that reference, "c" (a
# cancellation) or [name, message] (an error of MicroPython's own), and every leaf value as
# ["v"].

import asyncio
import json
import sys
from asyncio import core
import gathersim_clock

# The subject's name, with the version of the MicroPython that runs it.
NAME = "micropython-%d.%d-asyncio" % sys.implementation.version[:2]

# time.ticks_add refuses an interval of 2^29 ms or more (OverflowError "ticks interval
# overflow"): a longer sleep is taken in pieces of at most this many milliseconds.
CHUNK = (1 << 29) - 1
TICKS_MASK = (1 << 30) - 1

clock = {"now": 0, "due": None}


def schedule(delay):
    # What js.setTimeout did: the step is due `delay` ms from now; the last call wins, as
    # the port's clearTimeout before each setTimeout made it.
    clock["due"] = clock["now"] + delay


core._schedule_run_iter = schedule


def advance(to):
    if to > clock["now"]:
        clock["now"] = to
        # The ticks wrap at 2^30 ms: the clock needs no more than that, and no more crosses
        # the JavaScript bridge intact (it truncates integers to 32 bits).
        gathersim_clock.set(to & TICKS_MASK)


class ScenarioError(Exception):
    # An error of a scenario's script; args[0] is its reference in the JavaScript half.
    pass


class Run:
    def __init__(self, scenario):
        self.scenario = scenario
        self.records = [[None, None, "pending", None] for _ in scenario["tasks"]]
        self.unhandled = []
        self.gather = None
        self.tasks = []

    def error_json(self, error):
        if isinstance(error, core.CancelledError):
            return "c"
        if isinstance(error, ScenarioError):
            return error.args[0]
        return [type(error).__name__, str(error)]

    def result_json(self, result):
        if isinstance(result, BaseException):
            return ["e", self.error_json(result)]
        if isinstance(result, list):
            return ["l", [self.result_json(item) for item in result]]
        return ["v"]

    async def until(self, end):
        # Sleeps to `end` (None: forever), yielding at least once, as asyncio.sleep(0) does.
        if end is None:
            await asyncio.Event().wait()
            return
        while True:
            await asyncio.sleep_ms(min(end - clock["now"], CHUNK))
            if clock["now"] >= end:
                return

    def requested(self, record):
        if record is not None and record[3] is None:
            record[3] = clock["now"]

    async def leaf(self, spec, record):
        on_cancel = spec.get("onCancel", "raise")
        end = None if "hang" in spec else clock["now"] + spec["sleep"]
        try:
            await self.until(end)
        except core.CancelledError:
            self.requested(record)
            if on_cancel == "raise":
                raise
            if on_cancel == "ignore":
                # Swallow every request and sleep on to the original finish time.
                while True:
                    try:
                        if end is None or end > clock["now"]:
                            await self.until(end)
                        break
                    except core.CancelledError:
                        pass
            else:
                # Clean up; a further cancellation during cleanup is ignored.
                cleanup_end = clock["now"] + on_cancel["cleanup"]
                while True:
                    try:
                        await self.until(cleanup_end)
                        break
                    except core.CancelledError:
                        pass
                if "error" in on_cancel:
                    raise ScenarioError(on_cancel["error"])
                raise core.CancelledError()
        if "error" in spec:
            raise ScenarioError(spec["error"])

    async def recorded(self, coroutine, record):
        record[0] = clock["now"]
        try:
            result = await coroutine
        except core.CancelledError:
            self.requested(record)
            self.settle(record, "cancelled")
            raise
        except Exception:
            self.settle(record, "error")
            raise
        self.settle(record, "value")
        return result

    def settle(self, record, outcome):
        record[1] = clock["now"]
        record[2] = outcome

    def build(self, gather, top_level):
        tasks = []
        for index, spec in enumerate(gather["tasks"]):
            record = self.records[index] if top_level else None
            if "gather" in spec:
                coroutine = self.nested(spec["gather"])
            else:
                coroutine = self.leaf(spec, record)
            if top_level:
                coroutine = self.recorded(coroutine, record)
            tasks.append(asyncio.create_task(coroutine))
        return tasks

    async def nested(self, gather):
        children = self.build(gather, False)
        return await asyncio.gather(
            *[children[i] for i in arguments(gather)], return_exceptions=gather.get("returnExceptions", False)
        )

    async def main(self):
        # The gather is called at 0, before any child has taken a step, and this task awaits
        # it: MicroPython's gather is a generator that runs inside the task awaiting it, and
        # has no future of its own, so cancelling the gather is cancelling this task.
        scenario = self.scenario
        self.tasks = self.build(scenario, True)
        try:
            results = await asyncio.gather(
                *[self.tasks[i] for i in arguments(scenario)], return_exceptions=scenario.get("returnExceptions", False)
            )
        except BaseException as error:
            self.gather = [clock["now"], "e", self.error_json(error)]
            return
        self.gather = [clock["now"], "l", [self.result_json(result) for result in results]]

    def events(self):
        # The cancellations as (time, top-level task index, or None for the gather), latest
        # first.
        scenario = self.scenario
        events = [(request["at"], index, request["task"]) for index, request in enumerate(scenario.get("cancelTasks", []))]
        if "cancelGatherAt" in scenario:
            events.append((scenario["cancelGatherAt"], -1, None))
        events.sort(reverse=True)
        return [(at, task) for at, _, task in events]

    def drive(self, main):
        # Runs the loop's steps until nothing is due. A cancellation fires when nothing is
        # ready before it, so every task takes its first step at 0 before an event at 0 (R1).
        events = self.events()
        while True:
            due = clock["due"]
            if events and (due is None or events[-1][0] < due):
                at, task = events.pop()
                advance(at)
                try:
                    (main if task is None else self.tasks[task]).cancel()
                except Exception as error:
                    # Raised to the canceller, which is no task: nothing handles it.
                    self.unhandled.append(error)
            elif due is None:
                return
            else:
                clock["due"] = None
                advance(due)
                try:
                    core._run_iter()
                except Exception as error:
                    # An error out of the loop's step, which on the port escapes its
                    # JavaScript timer: nothing handles it. The loop goes on when a push
                    # before the error armed the next step, as the port's setTimeout does.
                    self.unhandled.append(error)

    def observe(self):
        asyncio.new_event_loop()
        core.Loop.set_exception_handler(lambda loop, context: self.unhandled.append(context["exception"]))
        clock["now"] = 0
        clock["due"] = None
        gathersim_clock.set(0)
        self.drive(asyncio.create_task(self.main()))
        return dumps([self.gather, self.records, [self.error_json(error) for error in self.unhandled]])


def dumps(value):
    # JSON text of a value of lists, integers, strings and None. MicroPython's json.dumps takes
    # time quadratic in the length of a long list; joining the parts takes linear time.
    if isinstance(value, list):
        return "[" + ",".join([dumps(item) for item in value]) + "]"
    return json.dumps(value)


def arguments(gather):
    return gather.get("args", list(range(len(gather["tasks"]))))


def run(text):
    return Run(json.loads(text)).observe()
