import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Virtual time in milliseconds: a queue of timers run one at a time on the calling thread, in
 * order of (time, order set). Running jumps the clock to the next timer, so no timer waits in
 * real time; it stops when no timer is left.
 */
final class VirtualClock {
    private record Timer(long at, long order, Runnable action) {}

    private final PriorityQueue<Timer> timers =
            new PriorityQueue<>(Comparator.comparingLong(Timer::at).thenComparingLong(Timer::order));
    private long now;
    private long set;

    long now() {
        return now;
    }

    /** Runs `action` at virtual time `at` (now, if `at` is past). */
    void at(long at, Runnable action) {
        timers.add(new Timer(Math.max(at, now), set++, action));
    }

    /** Runs every timer, each at its time, until none is left. */
    void runUntilIdle() {
        while (!timers.isEmpty()) {
            Timer timer = timers.poll();
            now = timer.at();
            timer.action().run();
        }
    }
}
