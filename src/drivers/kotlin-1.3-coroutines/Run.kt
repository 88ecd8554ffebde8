import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineExceptionHandler
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.Job
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.withContext
import java.util.IdentityHashMap

/** An error a task's script raises: one class for every name, carrying the name it stands for. No stack trace: none is ever shown. */
class ScriptError(val name: String, message: String) : RuntimeException(message, null, false, false)

/**
 * One scenario on a [VirtualDispatcher]: the gather is `coroutineScope { tasks.map { async
 * { ... } } ... awaitAll() }`, run from a root `async`, and the OBSERVATION says what happened.
 */
class Run(private val scenario: ScenarioSpec) {
    private val clock = VirtualDispatcher()
    /** The errors made by top-level task i's script, by identity. */
    private val origins = IdentityHashMap<Throwable, Int>()
    private val unhandled = mutableListOf<Throwable>()
    private val records = scenario.gather.tasks.map {
        linkedMapOf<String, Any?>("started" to null, "settled" to null, "outcome" to "pending", "cancelRequested" to null)
    }
    private val topTasks = arrayOfNulls<Deferred<Any?>>(scenario.gather.tasks.size)
    private var scope: Job? = null
    private var gather: Map<String, Any?> = mapOf("pending" to true)

    /** Runs the scenario until nothing is left to run and says what it observed. */
    fun observe(): Map<String, Any?> {
        val context = clock + CoroutineExceptionHandler { _, error -> unhandled.add(error) }
        val root = CoroutineScope(context).async { gather(scenario.gather, true) }
        root.invokeOnCompletion { cause -> gatherDone(root, cause) }
        scenario.cancelGatherAt?.let { at -> clock.at(at) { scope?.cancel() } }
        for (request in scenario.cancelTasks) clock.at(request.at) { topTasks[request.task]?.cancel() }
        clock.run()
        return linkedMapOf("gather" to gather, "tasks" to records, "unhandled" to unhandled.map { errorJson(it) })
    }

    /** The gather under test: every task an `async` child of one `coroutineScope`, then `awaitAll` over the arguments. */
    private suspend fun gather(spec: GatherSpec, topLevel: Boolean): List<Any?> = coroutineScope {
        if (topLevel) scope = coroutineContext[Job]
        val tasks = spec.tasks.mapIndexed { i, task ->
            val record = if (topLevel) records[i] else null
            val deferred = async {
                record?.set("started", clock.now)
                when (task) {
                    is TaskSpec.Nested -> gather(task.gather, false)
                    is TaskSpec.Leaf -> leaf(task, if (topLevel) i else null)
                }
            }
            if (record != null) {
                topTasks[i] = deferred
                watch(deferred, record)
            }
            deferred
        }
        spec.args.map { tasks[it] }.awaitAll()
    }

    @UseExperimental(kotlinx.coroutines.InternalCoroutinesApi::class)
    private fun watch(task: Deferred<Any?>, record: MutableMap<String, Any?>) {
        // A request reaches a running task when its Job starts cancelling with a CancellationException
        // (its own failure starts cancelling it too, but with the failure, once its script has ended).
        task.invokeOnCompletion(onCancelling = true, invokeImmediately = false) { cause ->
            if (cause is CancellationException && record["started"] != null && record["cancelRequested"] == null)
                record["cancelRequested"] = clock.now
        }
        task.invokeOnCompletion { cause ->
            record["settled"] = clock.now
            record["outcome"] = when (cause) {
                null -> "value"
                is CancellationException -> "cancelled"
                else -> "error"
            }
        }
    }

    /** A leaf task's script: sleep (or hang), then its value or a fresh error; on cancellation, its onCancel. */
    private suspend fun leaf(task: TaskSpec.Leaf, top: Int?): Any? {
        val end = task.sleep?.let { clock.now + it }
        try {
            if (task.sleep == null) hang() else delay(task.sleep)
        } catch (cancelled: CancellationException) {
            when (val onCancel = task.onCancel) {
                OnCancel.Raise -> throw cancelled
                // Kotlin's way to go on after a cancellation: suspend in NonCancellable.
                OnCancel.Ignore -> withContext(NonCancellable) { if (end == null) hang() else delay(end - clock.now) }
                is OnCancel.Cleanup -> {
                    withContext(NonCancellable) { delay(onCancel.time) }
                    if (onCancel.error != null) throw made(onCancel.error, top)
                    throw cancelled
                }
            }
        }
        if (task.error != null) throw made(task.error, top)
        return task.value
    }

    private suspend fun hang(): Unit = suspendCancellableCoroutine { }

    private fun made(spec: ErrorSpec, top: Int?): ScriptError {
        val error = ScriptError(spec.name, spec.message)
        if (top != null) origins[error] = top
        return error
    }

    @UseExperimental(kotlinx.coroutines.ExperimentalCoroutinesApi::class)
    private fun gatherDone(root: Deferred<List<Any?>>, cause: Throwable?) {
        gather = if (cause != null) linkedMapOf("at" to clock.now, "error" to errorJson(cause))
        else linkedMapOf("at" to clock.now, "value" to resultsJson(root.getCompleted(), scenario.gather))
    }

    private fun resultsJson(results: List<Any?>, spec: GatherSpec): List<Any?> = results.mapIndexed { i, result ->
        val task = spec.tasks[spec.args[i]]
        @Suppress("UNCHECKED_CAST")
        linkedMapOf("value" to if (task is TaskSpec.Nested) resultsJson(result as List<Any?>, task.gather) else result)
    }

    private fun errorJson(error: Throwable): Map<String, Any?> = when (error) {
        is CancellationException -> linkedMapOf("name" to "CancelledError", "message" to "")
        is ScriptError -> linkedMapOf<String, Any?>("name" to error.name, "message" to error.message).also { written ->
            origins[error]?.let { written["task"] = it.toLong() }
        }
        else -> linkedMapOf("name" to error.javaClass.simpleName, "message" to error.message.toString())
    }
}
