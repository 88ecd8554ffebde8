# MicroPython 1.27: a task passed twice to gather. asyncio.gather runs it once and fills both
# slots; MicroPython's gather raises RuntimeError("can't gather") (extmod/asyncio/funcs.py:
# the second slot finds the task's state already taken by the first slot's callback), and the
# first slot's callback, left on the task, raises NameError out of the loop when the task ends
# (`gather_task` is assigned only after the loop that raised): the loop stops there.
import asyncio


async def child():
    await asyncio.sleep_ms(10)
    print("child returns")
    return "a"


async def main():
    task = asyncio.create_task(child())
    try:
        print("gather returned", await asyncio.gather(task, task))
    except RuntimeError as error:
        print("gather raised RuntimeError:", error)
    await asyncio.sleep_ms(30)
    print("main goes on")


# A task of its own: top-level code is not one of the loop's tasks (the port's CLI runs
# asyncio.run(main()) this way too).
await asyncio.create_task(main())
