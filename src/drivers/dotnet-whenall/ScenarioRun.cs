// One scenario on one VirtualTime: builds the tasks as .NET async methods, gathers them with
// Task.WhenAll, runs the clock to its end, and writes the OBSERVATION.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

/// <summary>An error a task's script raises; Top is the top-level task whose script created it.</summary>
sealed class ScriptError : Exception
{
    public readonly string Name;
    public readonly int? Top;
    public ScriptError(string name, string message, int? top) : base(message) { Name = name; Top = top; }
}

/// <summary>One scenario run to the end of its timers.</summary>
sealed class ScenarioRun
{
    readonly Dictionary<string, object> scenario;
    readonly VirtualTime time = new VirtualTime();
    readonly List<Dictionary<string, object>> records = new List<Dictionary<string, object>>();
    object gather = new Dictionary<string, object> { { "pending", true } };

    public ScenarioRun(Dictionary<string, object> scenario) { this.scenario = scenario; }

    /// <summary>Runs the scenario and returns its OBSERVATION.</summary>
    public Dictionary<string, object> Observe()
    {
        var before = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(time);
        try
        {
            Start();
            time.Run();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(before);
        }
        return new Dictionary<string, object>
        {
            { "gather", gather },
            { "tasks", records.Cast<object>().ToList() },
            // .NET reports an unobserved task exception only when the task is finalized, which
            // the garbage collector times: nothing deterministic to report (see the header).
            { "unhandled", new List<object>() },
        };
    }

    void Start()
    {
        var tasks = Tasks(scenario);
        var gatherSource = new CancellationTokenSource();
        var top = new List<Task<object>>();
        var sources = new List<CancellationTokenSource>();
        for (int i = 0; i < tasks.Count; i++)
        {
            var record = new Dictionary<string, object>
            {
                { "started", 0L }, { "settled", null }, { "outcome", "pending" }, { "cancelRequested", null },
            };
            records.Add(record);
            var source = CancellationTokenSource.CreateLinkedTokenSource(gatherSource.Token);
            sources.Add(source);
            var task = Child(tasks[i], i, source.Token);
            top.Add(task);
            // Runs within Cancel, before any continuation of the task (those are posted to the ready queue).
            source.Token.Register(() =>
            {
                if (record["settled"] == null && record["cancelRequested"] == null) record["cancelRequested"] = time.Now;
            });
            task.ContinueWith(
                done =>
                {
                    record["settled"] = time.Now;
                    record["outcome"] = done.Status == TaskStatus.RanToCompletion ? "value" : done.IsCanceled ? "cancelled" : "error";
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
        var outer = Gather(scenario, top);
        outer.ContinueWith(
            done =>
            {
                var settled = new Dictionary<string, object> { { "at", time.Now } };
                if (done.Status == TaskStatus.RanToCompletion) settled["value"] = done.Result;
                else settled["error"] = ErrorJson(done.IsCanceled ? new OperationCanceledException() : done.Exception.InnerException);
                gather = settled;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        if (scenario.ContainsKey("cancelGatherAt")) time.CallAt(Time(scenario["cancelGatherAt"]), gatherSource.Cancel);
        if (scenario.ContainsKey("cancelTasks"))
            foreach (Dictionary<string, object> request in (List<object>)scenario["cancelTasks"])
                time.CallAt(Time(request["at"]), sources[(int)Time(request["task"])].Cancel);
    }

    /// <summary>
    /// Task.WhenAll over the tasks at the gather's args, then its results in argument order:
    /// awaited (rethrowing the first of its InnerExceptions, by argument order), or, with
    /// returnExceptions, awaited without rethrowing and each child read for its result.
    /// </summary>
    async Task<object> Gather(Dictionary<string, object> spec, List<Task<object>> tasks)
    {
        var args = Args(spec).Select(i => tasks[i]).ToArray();
        var all = Task.WhenAll(args);
        if (!(spec.ContainsKey("returnExceptions") && (bool)spec["returnExceptions"]))
            return (await all).Select(value => (object)new Dictionary<string, object> { { "value", value } }).ToList();
        try
        {
            await all;
        }
        catch (Exception)
        {
            // Every child is read below.
        }
        return args.Select(child => (object)(child.Status == TaskStatus.RanToCompletion
            ? new Dictionary<string, object> { { "value", child.Result } }
            : new Dictionary<string, object>
            {
                { "error", ErrorJson(child.IsCanceled ? new OperationCanceledException() : child.Exception.InnerException) },
            })).ToList();
    }

    Task<object> Child(Dictionary<string, object> spec, int? top, CancellationToken token)
    {
        if (!spec.ContainsKey("gather")) return Leaf(spec, top, token);
        var inner = (Dictionary<string, object>)spec["gather"];
        return Gather(inner, Tasks(inner).Select(child => Child(child, null, token)).ToList());
    }

    async Task<object> Leaf(Dictionary<string, object> spec, int? top, CancellationToken token)
    {
        bool hang = spec.ContainsKey("hang");
        long end = hang ? -1 : time.Now + Time(spec["sleep"]);
        object onCancel = spec.ContainsKey("onCancel") ? spec["onCancel"] : "raise";
        try
        {
            await (hang ? time.Forever(token) : time.Delay(end - time.Now, token));
        }
        catch (OperationCanceledException)
        {
            if ("raise".Equals(onCancel)) throw;
            if ("ignore".Equals(onCancel))
            {
                // Swallow the request (and any later one) and sleep on to the original finish time.
                await (hang ? time.Forever(CancellationToken.None) : time.Delay(end - time.Now, CancellationToken.None));
            }
            else
            {
                // Clean up, deaf to further requests, then end cancelled or with the cleanup's error.
                var cleanup = (Dictionary<string, object>)onCancel;
                await time.Delay(Time(cleanup["cleanup"]), CancellationToken.None);
                if (cleanup.ContainsKey("error")) throw Error(cleanup["error"], top);
                throw new OperationCanceledException(token);
            }
        }
        if (spec.ContainsKey("error")) throw Error(spec["error"], top);
        return spec["value"];
    }

    static ScriptError Error(object spec, int? top)
    {
        var error = (Dictionary<string, object>)spec;
        return new ScriptError((string)error["name"], (string)error["message"], top);
    }

    static Dictionary<string, object> ErrorJson(Exception error)
    {
        var script = error as ScriptError;
        if (script == null)
        {
            if (error is OperationCanceledException)
                return new Dictionary<string, object> { { "name", "CancelledError" }, { "message", "" } };
            throw new InvalidOperationException("unexpected " + error);
        }
        var written = new Dictionary<string, object> { { "name", script.Name }, { "message", script.Message } };
        if (script.Top.HasValue) written["task"] = (long)script.Top.Value;
        return written;
    }

    static List<Dictionary<string, object>> Tasks(Dictionary<string, object> gather)
    {
        return ((List<object>)gather["tasks"]).Cast<Dictionary<string, object>>().ToList();
    }

    static IEnumerable<int> Args(Dictionary<string, object> gather)
    {
        if (!gather.ContainsKey("args")) return Enumerable.Range(0, Tasks(gather).Count);
        return ((List<object>)gather["args"]).Select(index => (int)Time(index));
    }

    static long Time(object number)
    {
        return (long)decimal.Parse(((JsonNumber)number).Text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
