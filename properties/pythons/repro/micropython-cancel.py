# MicroPython 1.27: cancelling the task that awaits a gather. asyncio.gather cancels every
# child and settles only when they have (R8): a child that ignores the request or cleans up
# first holds it back. MicroPython's gather cancels its children and raises CancelledError at
# once (extmod/asyncio/funcs.py: `except core.CancelledError` ... `ts[i].cancel()` ...
# `raise state`), before those children settle.
import asyncio


async def ignoring():
    try:
        await asyncio.sleep_ms(1000)
    except asyncio.CancelledError:
        print("ignoring child: cancel requested, sleeps on")
        await asyncio.sleep_ms(20)
    print("ignoring child returns")


async def cleaning():
    try:
        await asyncio.sleep_ms(1000)
    except asyncio.CancelledError:
        print("cleaning child: cancel requested, cleans up")
        await asyncio.sleep_ms(20)
        print("cleaning child: cleanup done")
        raise


async def waiter(child):
    try:
        await asyncio.gather(child())
    except asyncio.CancelledError:
        print("gather raised CancelledError")


async def main():
    for child in (ignoring, cleaning):
        task = asyncio.create_task(waiter(child))
        await asyncio.sleep_ms(10)
        task.cancel()
        await asyncio.sleep_ms(60)


# A task of its own: top-level code is not one of the loop's tasks (the port's CLI runs
# asyncio.run(main()) this way too).
await asyncio.create_task(main())
