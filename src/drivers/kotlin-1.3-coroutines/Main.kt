/*
 * Kotlin coroutines (kotlinx.coroutines 1.0.1, Kotlin 1.3) as a subject of the gather-sim/1
 * protocol (docs/protocol.md).
 *
 * The gather is `coroutineScope { tasks.map { async { script } }; args.map { it }.awaitAll() }`,
 * Kotlin's idiom for "run these at once, collect the results", on a single-threaded dispatcher
 * of virtual time (VirtualDispatcher: the deprecated TestCoroutineContext, the only virtual
 * time Debian packages, cannot tell when its next timer is due). Mapping choices:
 * - Structured concurrency: the first failure cancels the scope, so every sibling is
 *   cancelled, and the scope (the gather) settles only once every child has finished.
 *   Several failures become one: the first (the others are suppressed into it).
 * - "Cancel the gather" is `cancel()` on the scope's Job; "cancel a task" is `cancel()` on
 *   its Deferred. There is no returnExceptions mode.
 * - onCancel runs as Kotlin code would: a cleanup or an "ignore" goes on in
 *   `withContext(NonCancellable)`; a cancelled Job never completes with a value, so a task
 *   that ignores the request and returns ends cancelled.
 * - A task passed twice is the same Deferred in two slots: started once (dedupe).
 * - `unhandled`: what reaches the scope's CoroutineExceptionHandler (nothing, with async).
 *
 *     java -cp OUT:kotlin-stdlib.jar:kotlinx-coroutines-core.jar:atomicfu.jar MainKt < requests.jsonl
 */

import java.io.ByteArrayOutputStream
import java.io.OutputStream
import java.nio.ByteBuffer
import java.nio.charset.CharacterCodingException
import java.nio.charset.CodingErrorAction
import java.nio.charset.StandardCharsets

private const val HELLO = """{"protocol": "gather-sim/1", "name": "kotlin-1.3-coroutines", "supports": {"returnExceptions": false, "cancellation": true, "dedupe": true}}"""
private val INTEGER = Regex("-?(0|[1-9][0-9]*)")

/** Reads one request per line on stdin and answers each in order on stdout; exits 0 at the end of stdin. */
fun main() {
    val out = System.out
    write(out, HELLO)
    val input = System.`in`.buffered(1 shl 16)
    val line = ByteArrayOutputStream()
    while (true) {
        val b = input.read()
        if (b == -1) break
        if (b != '\n'.toInt()) {
            line.write(b)
            continue
        }
        answerLine(out, line.toByteArray())
        line.reset()
    }
    if (line.size() > 0) answerLine(out, line.toByteArray())
    out.flush()
}

private fun answerLine(out: OutputStream, bytes: ByteArray) {
    val length = if (bytes.isNotEmpty() && bytes.last() == '\r'.toByte()) bytes.size - 1 else bytes.size
    val text = try {
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes, 0, length))
            .toString()
    } catch (invalid: CharacterCodingException) {
        write(out, errorAnswer(null, "not valid UTF-8"))
        return
    }
    if (text.isBlank()) return
    write(out, answer(text))
}

private fun write(out: OutputStream, line: String) {
    out.write("$line\n".toByteArray(StandardCharsets.US_ASCII))
    out.flush()
}

/** The answer to one request line, as JSON text. */
fun answer(line: String): String {
    val request = try {
        parseJson(line)
    } catch (bad: IllegalArgumentException) {
        return errorAnswer(null, "not a JSON line: ${bad.message}")
    } catch (bad: StackOverflowError) {
        return errorAnswer(null, "not a JSON line: nested too deep")
    }
    if (request !is Map<*, *>) return errorAnswer(null, "expected a request {\"id\": integer, \"scenario\": {...}}")
    val id = request["id"]
    if (id !is Num || !INTEGER.matches(id.raw)) return errorAnswer(null, "\"id\": expected an integer")
    if (request["scenario"] !is Map<*, *>) return errorAnswer(id, "\"scenario\": expected a SCENARIO with \"tasks\"")
    return try {
        val scenario = readScenario(request["scenario"])
        if (returnsExceptions(scenario.gather))
            return errorAnswer(id, "returnExceptions: awaitAll has no such mode (the hello does not claim it)")
        val text = StringBuilder()
        writeJson(text, linkedMapOf("id" to id, "observation" to Run(scenario).observe()))
        text.toString()
    } catch (malformed: IllegalArgumentException) {
        errorAnswer(id, "not a valid scenario: ${malformed.message}")
    } catch (cannot: RuntimeException) {
        errorAnswer(id, "could not run the scenario: $cannot")
    } catch (cannot: StackOverflowError) {
        errorAnswer(id, "could not run the scenario: nested too deep")
    }
}

/** Whether a gather, or one nested in it, asks for errors as results (awaitAll has no such mode). */
private fun returnsExceptions(gather: GatherSpec): Boolean =
    gather.returnExceptions || gather.tasks.any { it is TaskSpec.Nested && returnsExceptions(it.gather) }

private fun errorAnswer(id: Num?, why: String): String {
    val text = StringBuilder()
    writeJson(text, linkedMapOf("id" to id, "error" to why))
    return text.toString()
}
