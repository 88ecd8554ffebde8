// Virtual time for one scenario: a timer queue in (time, creation) order and a ready queue of
// posted continuations, both run on the one thread that calls Run. The clock jumps to the next
// timer when nothing is ready, so no scenario waits in real time.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// The SynchronizationContext of a run: every `await` continuation is posted to its ready queue
/// (like asyncio's call_soon), and Run fires timers in time order when the queue is empty.
/// </summary>
sealed class VirtualTime : SynchronizationContext
{
    sealed class Timer
    {
        public long At;
        public long Order;
        public Action Fire;
    }

    sealed class TimerOrder : IComparer<Timer>
    {
        public int Compare(Timer a, Timer b)
        {
            int byTime = a.At.CompareTo(b.At);
            return byTime != 0 ? byTime : a.Order.CompareTo(b.Order);
        }
    }

    readonly SortedSet<Timer> timers = new SortedSet<Timer>(new TimerOrder());
    readonly Queue<KeyValuePair<SendOrPostCallback, object>> ready = new Queue<KeyValuePair<SendOrPostCallback, object>>();
    readonly Thread owner = Thread.CurrentThread;
    long created;

    /// <summary>The virtual time, in milliseconds.</summary>
    public long Now { get; private set; }

    public override void Post(SendOrPostCallback callback, object state)
    {
        if (Thread.CurrentThread != owner) throw new InvalidOperationException("a continuation was posted from another thread");
        ready.Enqueue(new KeyValuePair<SendOrPostCallback, object>(callback, state));
    }

    public override void Send(SendOrPostCallback callback, object state) { callback(state); }

    public override SynchronizationContext CreateCopy() { return this; }

    Timer At(long at, Action fire)
    {
        var timer = new Timer { At = at, Order = created++, Fire = fire };
        timers.Add(timer);
        return timer;
    }

    /// <summary>Calls fire at the given virtual time.</summary>
    public void CallAt(long at, Action fire) { At(at, fire); }

    /// <summary>
    /// A task that completes after ms of virtual time, or ends cancelled (and drops its timer)
    /// when the token is cancelled first: what Task.Delay(ms, token) is on real time.
    /// </summary>
    public Task Delay(long ms, CancellationToken token)
    {
        var done = new TaskCompletionSource<bool>();
        var timer = At(Now + ms, () => done.TrySetResult(true));
        if (token.CanBeCanceled)
            token.Register(() =>
            {
                timers.Remove(timer);
                done.TrySetCanceled(token);
            });
        return done.Task;
    }

    /// <summary>A task that never completes, except cancelled when the token is.</summary>
    public Task Forever(CancellationToken token)
    {
        var done = new TaskCompletionSource<bool>();
        if (token.CanBeCanceled) token.Register(() => done.TrySetCanceled(token));
        return done.Task;
    }

    /// <summary>Runs what is ready, then the next timer, until nothing is left.</summary>
    public void Run()
    {
        while (true)
        {
            if (ready.Count > 0)
            {
                var next = ready.Dequeue();
                next.Key(next.Value);
                continue;
            }
            if (timers.Count == 0) return;
            var timer = timers.Min;
            timers.Remove(timer);
            Now = Math.Max(Now, timer.At);
            timer.Fire();
        }
    }
}
