#!/usr/bin/env python3
"""anyio 3.6's task group (asyncio backend) as a subject of the gather-sim/1 protocol (docs/protocol.md).

A gather is `async with anyio.create_task_group()` with one `start_soon` per distinct task,
each child in a cancel scope of its own, the results read in argument order once the group
has closed; a nested gather is a task group inside the child. It runs on the CPython
driver's virtual loop (`../cpython-asyncio.py`, imported by path: its loop, task records and
protocol session), where anyio's asyncio backend runs as on any asyncio loop.

Mapping choices:
- A repeated index reads the same child's result again: each task starts once (`dedupe`).
- A task group has no errors as results: `returnExceptions` is not claimed.
- "Cancel the gather" (`cancelGatherAt`) cancels a cancel scope around the task group;
  cancelling a task from outside cancels that child's own scope. A child whose scope
  swallowed its cancellation has no result: the gather then ends as CancelledError once the
  group closes (`ChildCancelled` below; it fails a nested gather's task as cancelled).
- `onCancel`: "raise" lets CancelledError propagate; a cleanup and "ignore" sleep in a
  shielded cancel scope (anyio re-delivers a scope's cancellation until every task in it has
  left, so without a shield the request comes back at once).
- A task group that fails with several errors raises anyio's ExceptionGroup, which keeps the
  children's CancelledErrors when an outer scope was cancelled: the protocol's one ERROR is
  its first error that is not a cancellation (depth first), the earliest to fail, and
  CancelledError when there is none.
- `cancelRequested` is the first `Task.cancel` that reached the task while it ran.

Virtual time with anyio's re-delivery: a cancelled scope with a task that does not leave it
(a task group's host waiting in `__aexit__` for a shielded child) calls
`_deliver_cancellation` again with `loop.call_soon` (anyio/_backends/_asyncio.py:439), and
the host wakes, catches the CancelledError and waits again: the ready queue is never empty,
so the CPython driver's loop, which moves the clock only when nothing is ready, would spin at
one instant for ever (in real time anyio spins until the shielded child's timer is due).
Here the loop is idle when the only ready handles are that churn: re-delivery calls,
cancelled handles, and wake-ups of a task whose wait was cancelled by a re-delivery it had
already had once (it has reacted to the first). Then the clock jumps to the next timer, or,
with none left, the run is over, as when nothing at all is ready.

Determinism: a cancel scope keeps its tasks in a `set` and cancels them in its order, by
address (anyio/_backends/_asyncio.py:323 and 418): here that set keeps insertion order.
"""

import asyncio
import importlib.util
import os
import sys

import anyio
from anyio._backends import _asyncio as backend

sys.dont_write_bytecode = True  # no __pycache__ beside the shipped drivers
_spec = importlib.util.spec_from_file_location(
    "cpython_asyncio", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cpython-asyncio.py")
)
core = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(core)

HELLO = {
    "protocol": "gather-sim/1",
    "name": "python-anyio-3.6",
    "supports": {"returnExceptions": False, "cancellation": True, "dedupe": True},
}
CANCELLED = {"name": "CancelledError", "message": ""}


_scope_init = backend.CancelScope.__init__
_deliver = backend.CancelScope._deliver_cancellation
_delivering = []  # non-empty while anyio delivers a scope's cancellation


def _ordered_scope_init(self, *args, **kwargs):
    _scope_init(self, *args, **kwargs)
    self._tasks = core.InsertionOrderedSet()


def _counted_deliver(self):
    _delivering.append(self)
    try:
        _deliver(self)
    finally:
        _delivering.pop()


backend.CancelScope.__init__ = _ordered_scope_init
backend.CancelScope._deliver_cancellation = _counted_deliver


class DeliveredTask(core.RecordedTask):
    """The CPython driver's recorded task, counting the cancellations anyio delivered to it."""

    deliveries = 0

    def cancel(self, msg=None):
        if _delivering and not self.done():
            self.deliveries += 1
        return super().cancel(msg)


def is_churn(handle):
    """Whether a ready handle is anyio's re-delivery spinning: nothing that moves the run on."""
    if handle._cancelled:
        return True
    callback = handle._callback
    if getattr(callback, "__func__", None) is _counted_deliver:
        return True
    task = getattr(callback, "__self__", None)
    waiter = getattr(task, "_fut_waiter", None)
    return isinstance(task, DeliveredTask) and task.deliveries > 1 and waiter is not None and waiter.cancelled()


class ChurnAwareSelector(core.JumpingSelector):
    """The CPython driver's jumping selector, which also counts a loop that only churns as idle."""

    def select(self, timeout=None):
        loop = self.loop
        if timeout == 0 and loop._ready and all(is_churn(handle) for handle in loop._ready):
            if loop._scheduled:
                loop.now = max(loop.now, loop._scheduled[0]._when)
            else:
                loop.stop()
            return []
        return super().select(timeout)


class ChildCancelled(Exception):
    """A gather with no result for a child whose own scope swallowed its cancellation."""


def first_error(error):
    """The one error a group is written as: its first that is not a cancellation, depth first,
    or None when all of it is cancellation."""
    if isinstance(error, (BaseExceptionGroup, anyio.ExceptionGroup)):
        for inner in error.exceptions:
            found = first_error(inner)
            if found is not None:
                return found
        return None
    return None if isinstance(error, (asyncio.CancelledError, ChildCancelled)) else error


class AnyioRun(core.Run):
    """One scenario, every gather in it an anyio task group."""

    def __init__(self, scenario):
        super().__init__(scenario)
        self.loop._selector = ChurnAwareSelector(self.loop)
        self.loop.set_task_factory(lambda loop, coro, **options: DeliveredTask(coro, loop=loop, **options))
        self.scopes = [None for _ in scenario["tasks"]]  # each top-level child's cancel scope
        self.gather_scope = None

    def error_json(self, error):
        found = first_error(error)
        return dict(CANCELLED) if found is None else super().error_json(found)

    def result_json(self, result, task):
        if "gather" in task:
            inner = task["gather"]
            args = core.arguments(inner)
            return {"value": [self.result_json(item, inner["tasks"][args[i]]) for i, item in enumerate(result)]}
        return {"value": result}

    async def shielded(self, until):
        with anyio.CancelScope(shield=True):
            if until is None:
                await self.loop.create_future()
            else:
                await anyio.sleep(until - self.loop.time())

    async def leaf(self, spec, top):
        on_cancel = spec.get("onCancel", "raise")
        end = None if "hang" in spec else self.loop.time() + spec["sleep"]
        try:
            if end is None:
                await self.loop.create_future()  # never done (anyio.sleep_forever arms a timer at inf)
            else:
                await anyio.sleep(spec["sleep"])
        except asyncio.CancelledError:
            if on_cancel == "raise":
                raise
            if on_cancel == "ignore":
                # Sleep on to the original finish time, deaf to the re-delivered cancellation.
                await self.shielded(end)
            else:
                await self.shielded(self.loop.time() + on_cancel["cleanup"])
                if "error" in on_cancel:
                    raise self.make_error(on_cancel["error"], top)
                raise
        if "error" in spec:
            raise self.make_error(spec["error"], top)
        return spec["value"]

    async def child(self, index, spec, results, top_level):
        with anyio.CancelScope() as scope:
            if top_level:
                self.scopes[index] = scope
                asyncio.current_task().record = self.records[index]
                self.records[index]["started"] = int(self.loop.time())
            try:
                if "gather" in spec:
                    result = await self.group(spec["gather"], False)
                else:
                    result = await self.leaf(spec, index if top_level else None)
            except BaseException as error:
                if top_level:
                    self.settle(self.records[index], "error" if first_error(error) is not None else "cancelled")
                raise
            if top_level:
                self.settle(self.records[index], "value")
            results[index] = result

    async def group(self, gather, top_level):
        results = {}
        async with anyio.create_task_group() as group:
            for index, spec in enumerate(gather["tasks"]):
                group.start_soon(self.child, index, spec, results, top_level)
        args = core.arguments(gather)
        if any(index not in results for index in args):
            raise ChildCancelled()
        return [results[index] for index in args]

    async def run_gather(self):
        scenario = self.scenario
        results = None
        try:
            with anyio.CancelScope() as scope:
                self.gather_scope = scope
                results = await self.group(scenario, True)
        except BaseException as error:  # what leaves the gather's scope, which keeps its own cancellation
            self.gather = {"at": int(self.loop.time()), "error": self.error_json(error)}
            return
        if results is None:
            self.gather = {"at": int(self.loop.time()), "error": dict(CANCELLED)}
            return
        tasks = scenario["tasks"]
        args = core.arguments(scenario)
        self.gather = {
            "at": int(self.loop.time()),
            "value": [self.result_json(result, tasks[args[i]]) for i, result in enumerate(results)],
        }

    async def main(self):
        loop = self.loop
        scenario = self.scenario
        loop.create_task(self.run_gather())
        # Every task, nested ones included, takes its first step before any event at time 0 (R1).
        for _ in range(2 * core.depth(scenario) + 3):
            await asyncio.sleep(0)
        if "cancelGatherAt" in scenario:
            loop.call_at(scenario["cancelGatherAt"], self.gather_scope.cancel)
        for request in scenario.get("cancelTasks", []):
            loop.call_at(request["at"], self.scopes[request["task"]].cancel)


if __name__ == "__main__":
    sys.exit(core.serve(HELLO, AnyioRun))
