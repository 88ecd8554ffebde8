#!/usr/bin/env python3
"""Python 3.11's asyncio.TaskGroup as a subject of the gather-sim/1 protocol (docs/protocol.md).

A gather is `async with TaskGroup() as group:` with one `group.create_task` per distinct task,
then the results read in argument order, `[tasks[i].result() for i in args]`: a nested gather is
a TaskGroup inside the child's task. It runs on the CPython driver's virtual loop
(`../cpython-asyncio.py`, imported by path: its loop, leaf scripts and protocol session).

Mapping choices:
- A repeated index reads the same task's result again: each task starts once (`dedupe`).
- Errors as results (`returnExceptions`) are not something a TaskGroup does: not claimed.
- "Cancel the gather" (`cancelGatherAt`) cancels the task running the `async with`.
- A group fails with an ExceptionGroup; the protocol's one ERROR is its first error that is
  not a cancellation, depth first (a TaskGroup never collects a cancellation, so that is
  `exceptions[0]`, nested groups unwrapped the same way): the group collects errors as its
  children finish, so that is the earliest child to fail, and at one instant the first of
  them to finish. The trio and anyio drivers use the same rule.
- TaskGroup keeps its children in a `set` and cancels them in the set's order (by address),
  which made the first of two same-instant cleanup errors vary from run to run: here the set
  keeps insertion order, so children are cancelled in the order they were created, as
  asyncio.gather cancels its children in argument order.
- A TaskGroup cancels its own parent task when a child fails (and uncancels it at the exit):
  that internal request is not written as the parent's `cancelRequested`, which is for
  requests the task's script sees.
"""

import asyncio
import importlib.util
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the shipped drivers
_spec = importlib.util.spec_from_file_location(
    "cpython_asyncio", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cpython-asyncio.py")
)
core = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(core)

HELLO = {
    "protocol": "gather-sim/1",
    "name": "python-3.11-taskgroup",
    "supports": {"returnExceptions": False, "cancellation": True, "dedupe": True},
}


class RecordedTask(core.RecordedTask):
    """The CPython driver's recorded task, deaf to the cancellation a TaskGroup sends its own
    parent task while it aborts (`internal`)."""

    internal = None  # the parent task a TaskGroup is cancelling, while it does

    def cancel(self, msg=None):
        if RecordedTask.internal is self:
            return asyncio.Task.cancel(self, msg)
        return super().cancel(msg)


class OrderedTaskGroup(asyncio.TaskGroup):
    """asyncio.TaskGroup, its children kept in creation order."""

    def __init__(self):
        super().__init__()
        self._tasks = core.InsertionOrderedSet()

    def _on_task_done(self, task):
        RecordedTask.internal = self._parent_task
        try:
            super()._on_task_done(task)
        finally:
            RecordedTask.internal = None


def first_error(error):
    """The one error an ExceptionGroup (of groups, perhaps) is written as: its first."""
    while isinstance(error, BaseExceptionGroup):
        error = error.exceptions[0]
    return error


class TaskGroupRun(core.Run):
    """One scenario, every gather in it a TaskGroup."""

    def __init__(self, scenario):
        super().__init__(scenario)
        self.loop.set_task_factory(lambda loop, coro, **options: RecordedTask(coro, loop=loop, **options))
        self.top_tasks = []

    async def group(self, gather, top_level):
        async with OrderedTaskGroup() as group:
            tasks = []
            for index, spec in enumerate(gather["tasks"]):
                if "gather" in spec:
                    coroutine = self.group(spec["gather"], False)
                else:
                    coroutine = self.leaf(spec, index if top_level else None)
                if top_level:
                    coroutine = self.recorded(coroutine, self.records[index])
                task = group.create_task(coroutine)
                if top_level:
                    task.record = self.records[index]
                    self.records[index]["started"] = 0
                tasks.append(task)
            if top_level:
                self.top_tasks = tasks
        return [tasks[i].result() for i in core.arguments(gather)]

    async def main(self):
        loop = self.loop
        scenario = self.scenario
        outer = loop.create_task(self.group(scenario, True))
        outer.add_done_callback(lambda done: self.gather_done(done, core.arguments(scenario)))
        # Every task, nested ones included, takes its first step before any event at time 0 (R1).
        for _ in range(core.depth(scenario) + 3):
            await asyncio.sleep(0)
        if "cancelGatherAt" in scenario:
            loop.call_at(scenario["cancelGatherAt"], outer.cancel)
        for request in scenario.get("cancelTasks", []):
            loop.call_at(request["at"], self.top_tasks[request["task"]].cancel)

    def error_json(self, error):
        return super().error_json(first_error(error))


if __name__ == "__main__":
    sys.exit(core.serve(HELLO, TaskGroupRun))
