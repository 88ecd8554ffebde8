// .NET's Task.WhenAll, on Mono, as a subject of the gather-sim/1 protocol (docs/protocol.md).
//
// Every task is a real .NET async method; every sleep awaits a TaskCompletionSource that a
// virtual clock completes (VirtualTime.cs), and every `await` continuation is posted to that
// clock's ready queue on the one thread, so a run is deterministic and never waits in real time.
// The gather is Task.WhenAll over the args' tasks, then its results in argument order. Mapping:
// - errors: WhenAll waits for every child and fails with an AggregateException of all their
//   failures in ARGUMENT order; `await` rethrows the first of them, and that is the one error.
//   A fault beats a cancellation: WhenAll ends cancelled only when no child faulted.
// - returnExceptions: the same WhenAll, awaited without rethrowing, then each child's Result
//   or Exception read in argument order.
// - cancellation: .NET cancels by CancellationToken. Each top-level task observes a token of its
//   own, linked to the gather's; "cancel the gather" cancels the gather's token (so every child
//   still running receives the request), "cancel task i" cancels task i's token, and a nested
//   gather's children observe their gather task's token. A sleep observes its token
//   (onCancel "raise" ends the task cancelled, an OperationCanceledException); "ignore" and
//   "cleanup" catch it and go on deaf to the token.
// - dedupe: a Task is started once when created; a repeated index passes the same Task twice.
// - unhandled: .NET reports an unobserved task exception (TaskScheduler.UnobservedTaskException)
//   only when the garbage collector finalizes the task, at no deterministic time, so the driver
//   reports none. WhenAll observes every child's exception when it completes.
//
//   mcs -out:driver.exe *.cs && mono driver.exe < requests.jsonl
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

static class Driver
{
    static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);

    static int Main()
    {
        var output = Console.OpenStandardOutput();
        Write(output, "{\"protocol\": \"gather-sim/1\", \"name\": \"dotnet-mono-6.8-whenall\", " +
            "\"supports\": {\"returnExceptions\": true, \"cancellation\": true, \"dedupe\": true}}");
        var input = Console.OpenStandardInput();
        var line = new MemoryStream();
        var buffer = new byte[65536];
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            int start = 0;
            for (int i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n') continue;
                line.Write(buffer, start, i - start);
                Answer(output, line);
                start = i + 1;
            }
            line.Write(buffer, start, read - start);
        }
        Answer(output, line);
        return 0;
    }

    /// <summary>Answers one line (a line ends at \n only; a \r before it is dropped), skipping blank ones.</summary>
    static void Answer(Stream output, MemoryStream line)
    {
        var text = Utf8.GetString(line.GetBuffer(), 0, (int)line.Length);
        line.SetLength(0);
        if (text.EndsWith("\r")) text = text.Substring(0, text.Length - 1);
        if (text.Trim().Length == 0) return;
        Write(output, JsonWriter.Write(Answer(text)));
    }

    static Dictionary<string, object> Answer(string text)
    {
        object request;
        try
        {
            request = JsonReader.Parse(text);
        }
        catch (FormatException error)
        {
            return Error(null, "not a JSON line: " + error.Message);
        }
        var fields = request as Dictionary<string, object>;
        if (fields == null) return Error(null, "expected a request {\"id\": integer, \"scenario\": {...}}");
        object id;
        fields.TryGetValue("id", out id);
        var number = id as JsonNumber;
        if (number == null || number.Text.IndexOfAny(new[] { '.', 'e', 'E' }) >= 0) return Error(null, "\"id\": expected an integer");
        object scenario;
        fields.TryGetValue("scenario", out scenario);
        var spec = scenario as Dictionary<string, object>;
        if (spec == null || !spec.ContainsKey("tasks") || !(spec["tasks"] is List<object>))
            return Error(id, "\"scenario\": expected a SCENARIO with \"tasks\"");
        try
        {
            Validate.Scenario(spec);
        }
        catch (FormatException error)
        {
            return Error(id, "not a valid scenario: " + error.Message);
        }
        try
        {
            return new Dictionary<string, object> { { "id", id }, { "observation", new ScenarioRun(spec).Observe() } };
        }
        catch (Exception error)
        {
            // A scenario this driver cannot run: say why, and go on.
            return Error(id, "could not run the scenario: " + error.GetType().Name + ": " + error.Message);
        }
    }

    static Dictionary<string, object> Error(object id, string why)
    {
        return new Dictionary<string, object> { { "id", id }, { "error", why } };
    }

    static void Write(Stream output, string line)
    {
        var bytes = Utf8.GetBytes(line + "\n");
        output.Write(bytes, 0, bytes.Length);
        output.Flush();
    }
}
