# MicroPython 1.27: a child that fails after the gather has already failed fast. asyncio.gather
# absorbs it (R5); MicroPython's gather, once done, hands its children back as tasks nobody
# awaits (extmod/asyncio/funcs.py: `ts[i].state = True`), so the late failure goes to the
# loop's exception handler as "Task exception wasn't retrieved".
import asyncio


async def fail(ms, message):
    await asyncio.sleep_ms(ms)
    raise ValueError(message)


handled = asyncio.Event()


def handler(loop, context):
    print("unhandled:", context["message"], repr(context["exception"]))
    handled.set()


async def main():
    asyncio.get_event_loop().set_exception_handler(handler)
    try:
        await asyncio.gather(fail(10, "first"), fail(20, "late"))
    except ValueError as error:
        print("gather raised ValueError:", error)
    # Whatever the machine's load: main goes on once the handler has run (never, on a loop
    # that absorbs the late failure: the runner's watchdog then says so).
    await handled.wait()
    print("main goes on")


# A task of its own: top-level code is not one of the loop's tasks (the port's CLI runs
# asyncio.run(main()) this way too).
await asyncio.create_task(main())
