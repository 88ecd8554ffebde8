// Checks a SCENARIO's shape before it runs, so a bad one gets an error answer naming the
// place, never a run that fails half-way.
using System;
using System.Collections.Generic;

static class Validate
{
    /// <summary>Throws a FormatException naming the first thing wrong with the scenario.</summary>
    public static void Scenario(Dictionary<string, object> scenario)
    {
        int count = Gather(scenario, "scenario", 0);
        if (scenario.ContainsKey("cancelGatherAt")) Time(scenario["cancelGatherAt"], "scenario.cancelGatherAt");
        if (!scenario.ContainsKey("cancelTasks")) return;
        var requests = List(scenario["cancelTasks"], "scenario.cancelTasks");
        for (int i = 0; i < requests.Count; i++)
        {
            var request = Object(requests[i], "scenario.cancelTasks[" + i + "]");
            Index(Need(request, "task", "scenario.cancelTasks[" + i + "]"), count, "scenario.cancelTasks[" + i + "].task");
            Time(Need(request, "at", "scenario.cancelTasks[" + i + "]"), "scenario.cancelTasks[" + i + "].at");
        }
    }

    static int Gather(Dictionary<string, object> gather, string path, int depth)
    {
        if (depth > 64) throw new FormatException(path + ": gathers nested more than 64 levels (docs/protocol.md#limits)");
        var tasks = List(Need(gather, "tasks", path), path + ".tasks");
        for (int i = 0; i < tasks.Count; i++) Task(Object(tasks[i], path + ".tasks[" + i + "]"), path + ".tasks[" + i + "]", depth);
        if (gather.ContainsKey("args"))
        {
            var args = List(gather["args"], path + ".args");
            for (int i = 0; i < args.Count; i++) Index(args[i], tasks.Count, path + ".args[" + i + "]");
        }
        if (gather.ContainsKey("returnExceptions") && !(gather["returnExceptions"] is bool))
            throw new FormatException(path + ".returnExceptions: expected true or false");
        return tasks.Count;
    }

    static void Task(Dictionary<string, object> task, string path, int depth)
    {
        if (task.ContainsKey("gather"))
        {
            Gather(Object(task["gather"], path + ".gather"), path + ".gather", depth + 1);
            return;
        }
        if (task.ContainsKey("hang") == task.ContainsKey("sleep")) throw new FormatException(path + ": expected \"sleep\" or \"hang\"");
        if (task.ContainsKey("hang") && !true.Equals(task["hang"])) throw new FormatException(path + ".hang: expected true");
        if (task.ContainsKey("sleep"))
        {
            Time(task["sleep"], path + ".sleep");
            if (task.ContainsKey("value") == task.ContainsKey("error")) throw new FormatException(path + ": expected \"value\" or \"error\"");
            if (task.ContainsKey("error")) Error(task["error"], path + ".error");
        }
        if (!task.ContainsKey("onCancel") || "raise".Equals(task["onCancel"]) || "ignore".Equals(task["onCancel"])) return;
        var cleanup = Object(task["onCancel"], path + ".onCancel");
        Time(Need(cleanup, "cleanup", path + ".onCancel"), path + ".onCancel.cleanup");
        if (cleanup.ContainsKey("error")) Error(cleanup["error"], path + ".onCancel.error");
    }

    static void Error(object value, string path)
    {
        var error = Object(value, path);
        if (!(Need(error, "name", path) is string) || !(Need(error, "message", path) is string))
            throw new FormatException(path + ": expected {\"name\": string, \"message\": string}");
    }

    static object Need(Dictionary<string, object> value, string key, string path)
    {
        if (!value.ContainsKey(key)) throw new FormatException(path + ": \"" + key + "\" is missing");
        return value[key];
    }

    static Dictionary<string, object> Object(object value, string path)
    {
        var result = value as Dictionary<string, object>;
        if (result == null) throw new FormatException(path + ": expected an object");
        return result;
    }

    static List<object> List(object value, string path)
    {
        var result = value as List<object>;
        if (result == null) throw new FormatException(path + ": expected a list");
        return result;
    }

    static void Time(object value, string path)
    {
        long time;
        var number = value as JsonNumber;
        if (number == null || !long.TryParse(number.Text, out time) || time < 0 || time > 1000000000000L)
            throw new FormatException(path + ": expected a whole number of ms from 0 to 10^12");
    }

    static void Index(object value, int count, string path)
    {
        long index;
        var number = value as JsonNumber;
        if (number == null || !long.TryParse(number.Text, out index) || index < 0 || index >= count)
            throw new FormatException(path + ": expected the index of a task, from 0 to " + (count - 1));
    }
}
