import java.math.BigDecimal

/** The largest time a scenario may hold (10^12 ms). */
const val MAX_TIME = 1_000_000_000_000L

/** An error a script raises: its name and message. */
class ErrorSpec(val name: String, val message: String)

/** How a leaf task reacts to a cancellation request (docs/protocol.md, `onCancel`). */
sealed class OnCancel {
    object Raise : OnCancel()
    object Ignore : OnCancel()
    class Cleanup(val time: Long, val error: ErrorSpec?) : OnCancel()
}

/** One task of a gather: a leaf script or a nested gather. */
sealed class TaskSpec {
    /** `sleep` then `value` or `error`; `sleep` null for a task that hangs. */
    class Leaf(val sleep: Long?, val value: Any?, val error: ErrorSpec?, val onCancel: OnCancel) : TaskSpec()
    class Nested(val gather: GatherSpec) : TaskSpec()
}

/** A gather: its tasks, its arguments as indices into them, and whether it returns exceptions. */
class GatherSpec(val tasks: List<TaskSpec>, val args: List<Int>, val returnExceptions: Boolean)

/** A cancellation of top-level task `task` at time `at`. */
class CancelTask(val task: Int, val at: Long)

/** A SCENARIO (docs/protocol.md), read whole before it runs so a malformed one gets an error answer. */
class ScenarioSpec(val gather: GatherSpec, val cancelGatherAt: Long?, val cancelTasks: List<CancelTask>)

/** Reads a SCENARIO, throwing IllegalArgumentException naming the path of what is malformed. */
fun readScenario(value: Any?): ScenarioSpec {
    val fields = obj(value, "scenario")
    val gather = readGather(fields, "scenario")
    val cancelGatherAt = fields["cancelGatherAt"]?.let { time(it, "scenario.cancelGatherAt") }
    val cancelTasks = (fields["cancelTasks"]?.let { array(it, "scenario.cancelTasks") } ?: listOf()).mapIndexed { i, item ->
        val path = "scenario.cancelTasks[$i]"
        val request = obj(item, path)
        val task = integer(request["task"], "$path.task")
        if (task < 0 || task >= gather.tasks.size) throw IllegalArgumentException("$path.task: no such task")
        CancelTask(task.toInt(), time(request["at"], "$path.at"))
    }
    return ScenarioSpec(gather, cancelGatherAt, cancelTasks)
}

private fun readGather(fields: Map<String, Any?>, path: String): GatherSpec {
    val tasks = array(fields["tasks"], "$path.tasks").mapIndexed { i, item -> readTask(item, "$path.tasks[$i]") }
    val args = fields["args"]?.let { array(it, "$path.args") }?.mapIndexed { i, item ->
        val index = integer(item, "$path.args[$i]")
        if (index < 0 || index >= tasks.size) throw IllegalArgumentException("$path.args[$i]: no such task")
        index.toInt()
    } ?: tasks.indices.toList()
    return GatherSpec(tasks, args, fields["returnExceptions"] == true)
}

private fun readTask(value: Any?, path: String): TaskSpec {
    val fields = obj(value, path)
    fields["gather"]?.let { return TaskSpec.Nested(readGather(obj(it, "$path.gather"), "$path.gather")) }
    val onCancel = when (val spec = fields["onCancel"]) {
        null, "raise" -> OnCancel.Raise
        "ignore" -> OnCancel.Ignore
        else -> {
            val cleanup = obj(spec, "$path.onCancel")
            OnCancel.Cleanup(time(cleanup["cleanup"], "$path.onCancel.cleanup"), cleanup["error"]?.let { error(it, "$path.onCancel.error") })
        }
    }
    if (fields.containsKey("hang")) return TaskSpec.Leaf(null, null, null, onCancel)
    val sleep = time(fields["sleep"], "$path.sleep")
    fields["error"]?.let { return TaskSpec.Leaf(sleep, null, error(it, "$path.error"), onCancel) }
    if (!fields.containsKey("value")) throw IllegalArgumentException("$path: expected sleep with value or error, hang, or gather")
    return TaskSpec.Leaf(sleep, fields["value"], null, onCancel)
}

private fun error(value: Any?, path: String): ErrorSpec {
    val fields = obj(value, path)
    return ErrorSpec(string(fields["name"], "$path.name"), string(fields["message"], "$path.message"))
}

@Suppress("UNCHECKED_CAST")
private fun obj(value: Any?, path: String): Map<String, Any?> =
    value as? Map<String, Any?> ?: throw IllegalArgumentException("$path: expected an object")

private fun array(value: Any?, path: String): List<Any?> =
    value as? List<Any?> ?: throw IllegalArgumentException("$path: expected an array")

private fun string(value: Any?, path: String): String = value as? String ?: throw IllegalArgumentException("$path: expected a string")

/** A JSON integer (`5`, `5.0` and `5e0` alike). */
private fun integer(value: Any?, path: String): Long {
    if (value is Num) {
        try {
            return BigDecimal(value.raw).longValueExact()
        } catch (notWhole: ArithmeticException) {
            // the error below
        }
    }
    throw IllegalArgumentException("$path: expected an integer")
}

private fun time(value: Any?, path: String): Long {
    val time = integer(value, path)
    if (time < 0 || time > MAX_TIME) throw IllegalArgumentException("$path: expected a time from 0 to 10^12 ms")
    return time
}
