"""PyPy reports a never-retrieved task exception only a few garbage collections late.

A return-exceptions gather that never completes (one child never finishes) leaves its other
child's exception unretrieved. CPython reports it ("Task exception was never retrieved") at
the first gc.collect() that finds the cycle; PyPy 7.3 needs more: it runs finalizers "in
topological order" (https://doc.pypy.org/en/latest/discussion/finalizer-order.html), an
object's only after those of the finalizable objects that refer to it, a major collection
apart. So a driver that collects once per scenario sees nothing under PyPy. Plain
asyncio.run, real sleeps:

    python3 pypy-unretrieved-after-collections.py   # cpython: reported after 1 gc.collect()
    pypy3 pypy-unretrieved-after-collections.py     # pypy: reported after 3 gc.collect()
"""

import asyncio
import gc
import sys

reported = []


class APIError(Exception):
    pass


async def fail():
    await asyncio.sleep(0.01)
    raise APIError("boom")


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda _, context: reported.append(context.get("exception")))
    asyncio.gather(fail(), loop.create_future(), return_exceptions=True)
    await asyncio.sleep(0.05)


asyncio.run(main())
collections = 0
while not reported and collections < 10:
    gc.collect()
    collections += 1
print("%s: reported %r after %d gc.collect()" % (sys.implementation.name, reported, collections))
