#!/usr/bin/env python3
"""trio 0.22's nursery as a subject of the gather-sim/1 protocol (docs/protocol.md).

A gather is `async with trio.open_nursery()` with one `start_soon` per distinct task, each
child in a cancel scope of its own, the results read in argument order once the nursery has
closed; a nested gather is a nursery inside the child. One `trio.run` per scenario, on
`trio.testing.MockClock(rate=0)`, 1 trio second = 1 ms: a watcher task waits in
`wait_all_tasks_blocked()` and jumps the clock to the next deadline, so nothing waits in real
time. The protocol session (hello, request lines, answers) is the CPython driver's
(`../cpython-asyncio.py`, imported by path).

Mapping choices:
- A repeated index reads the same child's result again: each task starts once (`dedupe`).
- A nursery has no errors as results: `returnExceptions` is not claimed.
- "Cancel the gather" (`cancelGatherAt`) cancels a cancel scope around the nursery; cancelling a
  task from outside cancels that child's own scope. A child whose scope swallowed its
  cancellation has no result: the gather then ends as CancelledError once the nursery closes
  (that is the `ChildCancelled` below; it fails a nested gather's task as cancelled).
- `onCancel`: "raise" lets trio.Cancelled propagate; a cleanup and "ignore" sleep in a
  shielded cancel scope (trio's cancellation is level-triggered: without a shield every
  checkpoint raises again). `cancelRequested` is when trio first delivered a Cancelled inside
  the task.
- A nursery that fails with several errors raises a MultiError, which keeps the Cancelled of
  an outer scope: the protocol's one ERROR is its first error that is not a cancellation
  (depth first), the earliest to fail, and CancelledError when there is none.
- trio cannot abandon a task: when no deadline is left, the watcher freezes the observation
  and ends the run by cancelling everything, shielded cleanups included (`ending`).
- `unhandled` is always empty: every error in a nursery reaches its parent.

Determinism (trio randomizes on purpose, trio/_core/_run.py):
- each scheduling batch is reversed or not by the unseeded module-level `_r` (line 2228):
  here `_r.random()` is 0.0, so every batch runs in the order its tasks became runnable;
- equal deadlines are broken by `id(cancel_scope)` (line 162): here by creation order;
- cancellation reaches the tasks of a cancel status in `set` order (lines 269, 275, 372-374):
  here those sets keep insertion order.
"""

import importlib.util
import itertools
import math
import os
import random
import sys

import trio
import trio.testing
from trio._core import _run

sys.dont_write_bytecode = True  # no __pycache__ beside the shipped drivers
_spec = importlib.util.spec_from_file_location(
    "cpython_asyncio", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cpython-asyncio.py")
)
core = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(core)

HELLO = {
    "protocol": "gather-sim/1",
    "name": "python-trio-0.22",
    "supports": {"returnExceptions": False, "cancellation": True, "dedupe": True},
}
CANCELLED = {"name": "CancelledError", "message": ""}


class InOrder(random.Random):
    """trio's scheduler randomness, fixed: `random()` is 0.0, so each batch is reversed and
    then popped from its end, which runs it first-in first-out."""

    def random(self):
        return 0.0


_created = itertools.count()


def _add_deadline(self, deadline, cancel_scope):
    _run.heappush(self._heap, (deadline, next(_created), cancel_scope))
    self._active += 1


_cancel_status_init = _run.CancelStatus.__init__


def _ordered_cancel_status_init(self, *args, **kwargs):
    _cancel_status_init(self, *args, **kwargs)
    self._children = core.InsertionOrderedSet()
    self._tasks = core.InsertionOrderedSet()


_run._r = InOrder()
_run.Deadlines.add = _add_deadline
_run.CancelStatus.__init__ = _ordered_cancel_status_init


class ChildCancelled(Exception):
    """A gather with no result for a child whose own scope swallowed its cancellation."""


def first_error(error):
    """The one error a MultiError is written as: its first that is not a cancellation, depth
    first, or None when all of it is cancellation."""
    if isinstance(error, BaseExceptionGroup):
        for inner in error.exceptions:
            found = first_error(inner)
            if found is not None:
                return found
        return None
    return None if isinstance(error, (trio.Cancelled, ChildCancelled)) else error


def is_cancellation(error):
    return first_error(error) is None


class TrioRun:
    """One scenario in one trio.run: builds the nurseries, runs them, and writes the OBSERVATION."""

    def __init__(self, scenario):
        self.scenario = scenario
        self.clock = trio.testing.MockClock(rate=0)
        self.origins = {}  # id(error) -> (top-level task index, error)
        self.records = [
            {"started": None, "settled": None, "outcome": "pending", "cancelRequested": None}
            for _ in scenario["tasks"]
        ]
        self.gather = {"pending": True}
        self.scopes = [None for _ in scenario["tasks"]]  # each top-level child's cancel scope
        self.gather_scope = None
        self.shields = []
        self.ending = False

    def now(self):
        return int(trio.current_time())

    def make_error(self, spec, top):
        error = type(spec["name"], (Exception,), {})(spec["message"])
        if top is not None:
            self.origins[id(error)] = (top, error)
        return error

    def error_json(self, error):
        error = first_error(error)
        if error is None:
            return dict(CANCELLED)
        written = {"name": type(error).__name__, "message": str(error)}
        origin = self.origins.get(id(error))
        if origin is not None and origin[1] is error:
            written["task"] = origin[0]
        return written

    def result_json(self, result, task):
        if "gather" in task:
            inner = task["gather"]
            args = core.arguments(inner)
            return {"value": [self.result_json(item, inner["tasks"][args[i]]) for i, item in enumerate(result)]}
        return {"value": result}

    def cancel_seen(self, owner):
        record = self.records[owner]
        if record["cancelRequested"] is None and not self.ending:
            record["cancelRequested"] = self.now()

    async def shielded(self, until):
        with trio.CancelScope(shield=True) as shield:
            self.shields.append(shield)
            if until is None:
                await trio.sleep_forever()
            else:
                await trio.sleep_until(until)

    async def leaf(self, spec, top, owner):
        on_cancel = spec.get("onCancel", "raise")
        end = None if "hang" in spec else self.now() + spec["sleep"]
        try:
            if end is None:
                await trio.sleep_forever()
            else:
                await trio.sleep_until(end)
        except trio.Cancelled:
            self.cancel_seen(owner)
            if on_cancel == "raise" or self.ending:
                raise
            if on_cancel == "ignore":
                # Sleep on to the original finish time, deaf to the (level-triggered) cancellation.
                await self.shielded(end)
            else:
                await self.shielded(self.now() + on_cancel["cleanup"])
                if "error" in on_cancel:
                    raise self.make_error(on_cancel["error"], top)
                raise
        if "error" in spec:
            raise self.make_error(spec["error"], top)
        return spec["value"]

    async def child(self, index, spec, results, top_level, owner):
        with trio.CancelScope() as scope:
            if top_level:
                self.scopes[index] = scope
                owner = index
                self.records[index]["started"] = self.now()
            try:
                if "gather" in spec:
                    result = await self.nursery(spec["gather"], False, owner)
                else:
                    result = await self.leaf(spec, index if top_level else None, owner)
            except BaseException as error:
                if top_level:
                    self.settle(index, "cancelled" if is_cancellation(error) else "error")
                raise
            if top_level:
                self.settle(index, "value")
            results[index] = result

    def settle(self, index, outcome):
        if not self.ending:
            self.records[index]["settled"] = self.now()
            self.records[index]["outcome"] = outcome

    async def nursery(self, gather, top_level, owner):
        results = {}
        async with trio.open_nursery() as nursery:
            for index, spec in enumerate(gather["tasks"]):
                nursery.start_soon(self.child, index, spec, results, top_level, owner)
        args = core.arguments(gather)
        if any(index not in results for index in args):
            raise ChildCancelled()
        return [results[index] for index in args]

    async def run_gather(self):
        scenario = self.scenario
        results = None
        try:
            with trio.CancelScope() as scope:
                self.gather_scope = scope
                results = await self.nursery(scenario, True, None)
        except BaseException as error:
            # What leaves the gather's scope (which keeps its own Cancelled): its errors, or
            # once the run is over whatever ending it raised, which no one observes.
            if self.ending:
                return
            self.gather = {"at": self.now(), "error": self.error_json(error)}
            return
        if results is None:
            self.gather = {"at": self.now(), "error": dict(CANCELLED)}
            return
        tasks = scenario["tasks"]
        args = core.arguments(scenario)
        self.gather = {
            "at": self.now(),
            "value": [self.result_json(result, tasks[args[i]]) for i, result in enumerate(results)],
        }

    async def cancel_at(self, at, scope):
        await trio.sleep_until(at)
        scope.cancel()

    async def watch(self, root):
        # Every task has taken its first step once all are blocked: then the events are armed (R1).
        await trio.testing.wait_all_tasks_blocked()
        if "cancelGatherAt" in self.scenario:
            root.start_soon(self.cancel_at, self.scenario["cancelGatherAt"], self.gather_scope)
        for request in self.scenario.get("cancelTasks", []):
            root.start_soon(self.cancel_at, request["at"], self.scopes[request["task"]])
        while True:
            await trio.testing.wait_all_tasks_blocked()
            due = trio.lowlevel.current_statistics().seconds_to_next_deadline
            if due == math.inf:
                break
            self.clock.jump(due)
        # No deadline left: what still hangs would hang for ever. The observation is complete;
        # end the run by cancelling everything, shielded cleanups included.
        self.ending = True
        for shield in self.shields:
            shield.shield = False
        root.cancel_scope.cancel()

    async def main(self):
        async with trio.open_nursery() as root:
            root.start_soon(self.run_gather)
            root.start_soon(self.watch, root)

    def observe(self):
        trio.run(self.main, clock=self.clock)
        return {"gather": self.gather, "tasks": self.records, "unhandled": []}


if __name__ == "__main__":
    sys.exit(core.serve(HELLO, TrioRun))
