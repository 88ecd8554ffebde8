import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Delay
import kotlinx.coroutines.InternalCoroutinesApi
import java.util.ArrayDeque
import java.util.PriorityQueue
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.resume

/**
 * A coroutine dispatcher on virtual time in milliseconds, single-threaded: dispatched
 * coroutines run first-in first-out on the calling thread, and when none is ready the clock
 * jumps to the next timer (a `delay`'s end, or a timer set with [at]), in order of (time,
 * order set). [run] stops when nothing is ready and no timer is left.
 */
@UseExperimental(InternalCoroutinesApi::class)
class VirtualDispatcher : CoroutineDispatcher(), Delay {
    private class Timer(val at: Long, val order: Long, val action: () -> Unit) {
        var cancelled = false
    }

    private val ready = ArrayDeque<Runnable>()
    private val timers = PriorityQueue<Timer>(compareBy<Timer>({ it.at }, { it.order }))
    private var set = 0L

    /** The virtual time now. */
    var now = 0L
        private set

    override fun dispatch(context: CoroutineContext, block: Runnable) {
        ready.add(block)
    }

    @InternalCoroutinesApi
    override fun scheduleResumeAfterDelay(timeMillis: Long, continuation: CancellableContinuation<Unit>) {
        val timer = Timer(now + timeMillis, set++) { continuation.resume(Unit) }
        timers.add(timer)
        continuation.invokeOnCancellation { timer.cancelled = true }
    }

    /** Runs `action` at virtual time `at`, once every coroutine ready before it has run. */
    fun at(at: Long, action: () -> Unit) {
        timers.add(Timer(maxOf(at, now), set++, action))
    }

    /** Runs every ready coroutine, then the next timer, and so on, until nothing is left. */
    fun run() {
        while (true) {
            while (ready.isNotEmpty()) ready.poll().run()
            val timer = timers.poll() ?: return
            if (timer.cancelled) continue
            now = timer.at
            timer.action()
        }
    }
}
