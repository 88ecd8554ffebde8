import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One scenario: its tasks as CompletableFutures completed by timers of a {@link VirtualClock},
 * gathered with CompletableFuture.allOf, and the OBSERVATION of what happened. Everything runs
 * on the calling thread: a future's dependents run inside the timer that completes it.
 */
final class Run {
    private final Map<String, Object> scenario;
    private final VirtualClock clock = new VirtualClock();
    /** The errors made by top-level task i's script, by identity. */
    private final Map<Throwable, Integer> origins = new IdentityHashMap<>();
    private final List<Map<String, Object>> records = new ArrayList<>();
    private Map<String, Object> gather = Map.of("pending", Boolean.TRUE);

    Run(Map<String, Object> scenario) {
        this.scenario = scenario;
    }

    /** CompletableFuture.allOf over the arguments, then each argument's result in order (the gather under test). */
    static CompletableFuture<Object> gather(List<CompletableFuture<Object>> tasks, int[] args) {
        CompletableFuture<?>[] slots = new CompletableFuture<?>[args.length];
        for (int i = 0; i < args.length; i++) slots[i] = tasks.get(args[i]);
        return CompletableFuture.allOf(slots).thenApply(done -> {
            List<Object> results = new ArrayList<>(slots.length);
            for (CompletableFuture<?> slot : slots) results.add(slot.join());
            return results;
        });
    }

    /** Runs the scenario until no timer is left and says what it observed. */
    Map<String, Object> observe() {
        if (Scenario.returnExceptions(scenario))
            throw new IllegalArgumentException("returnExceptions: CompletableFuture.allOf has no such mode (the hello does not claim it)");
        List<CompletableFuture<Object>> tasks = build(scenario, "scenario", true);
        int[] args = Scenario.arguments(scenario, "scenario");
        CompletableFuture<Object> outer = gather(tasks, args);
        outer.whenComplete((value, error) -> gatherDone(value, error, args));
        if (scenario.containsKey("cancelGatherAt"))
            clock.at(Scenario.time(scenario.get("cancelGatherAt"), "scenario.cancelGatherAt"), () -> outer.cancel(true));
        if (scenario.containsKey("cancelTasks")) {
            List<Object> requests = Scenario.array(scenario.get("cancelTasks"), "scenario.cancelTasks");
            for (int i = 0; i < requests.size(); i++) {
                String path = "scenario.cancelTasks[" + i + "]";
                Map<String, Object> request = Scenario.object(requests.get(i), path);
                long index = Scenario.integer(request.get("task"), path + ".task");
                if (index < 0 || index >= tasks.size()) throw new IllegalArgumentException(path + ".task: no such task");
                CompletableFuture<Object> task = tasks.get((int) index);
                Map<String, Object> record = records.get((int) index);
                clock.at(Scenario.time(request.get("at"), path + ".at"), () -> cancel(task, record));
            }
        }
        clock.runUntilIdle();
        Map<String, Object> observation = new LinkedHashMap<>();
        observation.put("gather", gather);
        observation.put("tasks", records);
        observation.put("unhandled", List.of());
        return observation;
    }

    private void cancel(CompletableFuture<Object> task, Map<String, Object> record) {
        if (!task.isDone() && record.get("cancelRequested") == null) record.put("cancelRequested", clock.now());
        task.cancel(true);
    }

    private List<CompletableFuture<Object>> build(Map<String, Object> gather, String path, boolean topLevel) {
        List<Object> specs = Scenario.tasks(gather, path);
        List<CompletableFuture<Object>> tasks = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            String taskPath = path + ".tasks[" + i + "]";
            Map<String, Object> spec = Scenario.object(specs.get(i), taskPath);
            CompletableFuture<Object> task;
            if (spec.containsKey("gather")) {
                Map<String, Object> inner = Scenario.object(spec.get("gather"), taskPath + ".gather");
                if (Scenario.returnExceptions(inner))
                    throw new IllegalArgumentException(taskPath + ".gather.returnExceptions: CompletableFuture.allOf has no such mode");
                task = gather(build(inner, taskPath + ".gather", false), Scenario.arguments(inner, taskPath + ".gather"));
            } else {
                task = leaf(spec, taskPath, topLevel ? i : null);
            }
            if (topLevel) record(task);
            tasks.add(task);
        }
        return tasks;
    }

    /** A leaf task: a future its timer completes with the value or a fresh error; a hanging one has no timer. */
    private CompletableFuture<Object> leaf(Map<String, Object> spec, String path, Integer top) {
        CompletableFuture<Object> future = new CompletableFuture<>();
        if (spec.containsKey("hang")) return future;
        long end = Scenario.time(spec.get("sleep"), path + ".sleep");
        if (spec.containsKey("error")) {
            Map<String, Object> error = Scenario.object(spec.get("error"), path + ".error");
            String name = Scenario.string(error.get("name"), path + ".error.name");
            String message = Scenario.string(error.get("message"), path + ".error.message");
            clock.at(end, () -> future.completeExceptionally(made(new ScriptError(name, message), top)));
        } else {
            if (!spec.containsKey("value")) throw new IllegalArgumentException(path + ": expected sleep with value or error, hang, or gather");
            Object value = spec.get("value");
            clock.at(end, () -> future.complete(value));
        }
        return future;
    }

    private Throwable made(ScriptError error, Integer top) {
        if (top != null) origins.put(error, top);
        return error;
    }

    private void record(CompletableFuture<Object> task) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("started", 0L);
        record.put("settled", null);
        record.put("outcome", "pending");
        record.put("cancelRequested", null);
        records.add(record);
        task.whenComplete((value, error) -> {
            record.put("settled", clock.now());
            Throwable cause = unwrap(error);
            record.put("outcome", cause == null ? "value" : cause instanceof CancellationException ? "cancelled" : "error");
        });
    }

    private void gatherDone(Object value, Throwable error, int[] args) {
        Map<String, Object> settled = new LinkedHashMap<>();
        settled.put("at", clock.now());
        if (error != null) settled.put("error", errorJson(unwrap(error)));
        else settled.put("value", resultsJson((List<?>) value, scenario, args));
        gather = settled;
    }

    private List<Object> resultsJson(List<?> results, Map<String, Object> gather, int[] args) {
        List<Object> tasks = Scenario.tasks(gather, "scenario");
        List<Object> written = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            Map<String, Object> spec = Scenario.object(tasks.get(args[i]), "scenario");
            Object result = results.get(i);
            if (spec.containsKey("gather")) {
                Map<String, Object> inner = Scenario.object(spec.get("gather"), "scenario");
                result = resultsJson((List<?>) result, inner, Scenario.arguments(inner, "scenario"));
            }
            Map<String, Object> slot = new LinkedHashMap<>();
            slot.put("value", result);
            written.add(slot);
        }
        return written;
    }

    private Map<String, Object> errorJson(Throwable error) {
        Map<String, Object> written = new LinkedHashMap<>();
        if (error instanceof CancellationException) {
            written.put("name", "CancelledError");
            written.put("message", "");
        } else if (error instanceof ScriptError script) {
            written.put("name", script.name);
            written.put("message", script.getMessage());
            Integer top = origins.get(error);
            if (top != null) written.put("task", (long) top);
        } else {
            written.put("name", error.getClass().getSimpleName());
            written.put("message", String.valueOf(error.getMessage()));
        }
        return written;
    }

    /** The error a CompletionException wraps (join and dependent futures wrap the original). */
    private static Throwable unwrap(Throwable error) {
        while (error instanceof CompletionException && error.getCause() != null) error = error.getCause();
        return error;
    }
}
