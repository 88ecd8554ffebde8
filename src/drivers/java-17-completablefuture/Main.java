/*
 * Java 17's CompletableFuture.allOf as a subject of the gather-sim/1 protocol (docs/protocol.md).
 *
 * The gather is `CompletableFuture.allOf(children).thenApply(v -> each child's join(), in
 * argument order)`, the JDK's idiom for "run these at once, collect the results". Each task is
 * a CompletableFuture that a single-threaded virtual clock completes at its time; the clock
 * jumps to the next timer and the run ends when none is left. Mapping choices:
 * - Errors: allOf waits for every child, then fails with the first failed child BY ARGUMENT
 *   ORDER (its andTree relays the left operand's exception first), wrapped in a
 *   CompletionException that the driver unwraps. There is no returnExceptions mode.
 * - "Cancel the gather" is `cancel(true)` on the future the gather returned: it completes at
 *   once with a CancellationException and reaches no child (CompletableFuture does not
 *   propagate cancellation to the futures it depends on).
 * - "Cancel a task" is `cancel(true)` on its future: it completes at once with a
 *   CancellationException, so no onCancel script can run (cleanup, cleanup error, ignore all
 *   act as "raise"): the work behind the future never hears of it, and its later completion
 *   is dropped. A nested-gather task cancelled this way leaves its children running.
 * - A task passed twice is the same future in two slots: started once (dedupe).
 * - Java has no notion of an unhandled failed future: `unhandled` is always empty.
 *
 *     javac -d OUT *.java && java -cp OUT Main < requests.jsonl
 */

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads one request per line on stdin and answers each in order on stdout; exits 0 at the end of stdin. */
public final class Main {
    private static final String HELLO = "{\"protocol\": \"gather-sim/1\", \"name\": \"java-17-completablefuture\", "
            + "\"supports\": {\"returnExceptions\": false, \"cancellation\": true, \"dedupe\": true}}";
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

    private Main() {}

    public static void main(String[] argv) throws IOException {
        OutputStream out = System.out;
        write(out, HELLO);
        InputStream in = new BufferedInputStream(System.in, 1 << 16);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b != '\n') {
                line.write(b);
                continue;
            }
            answerLine(out, line.toByteArray());
            line.reset();
        }
        if (line.size() > 0) answerLine(out, line.toByteArray());
        out.flush();
    }

    private static void answerLine(OutputStream out, byte[] bytes) throws IOException {
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') length--;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException invalid) {
            write(out, error(null, "not valid UTF-8"));
            return;
        }
        if (text.isBlank()) return;
        write(out, answer(text));
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The answer to one request line, as JSON text. */
    static String answer(String line) {
        Object request;
        try {
            request = Json.parse(line);
        } catch (IllegalArgumentException | StackOverflowError bad) {
            return error(null, "not a JSON line: " + bad.getMessage());
        }
        if (!(request instanceof Map<?, ?> fields)) return error(null, "expected a request {\"id\": integer, \"scenario\": {...}}");
        if (!(fields.get("id") instanceof Json.Num id) || !INTEGER.matcher(id.raw()).matches())
            return error(null, "\"id\": expected an integer");
        if (!(fields.get("scenario") instanceof Map<?, ?>)) return error(id, "\"scenario\": expected a SCENARIO with \"tasks\"");
        try {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("id", id);
            answer.put("observation", new Run(Scenario.object(fields.get("scenario"), "scenario")).observe());
            StringBuilder text = new StringBuilder();
            Json.write(text, answer);
            return text.toString();
        } catch (IllegalArgumentException malformed) {
            return error(id, "not a valid scenario: " + malformed.getMessage());
        } catch (RuntimeException | StackOverflowError cannot) {
            return error(id, "could not run the scenario: " + cannot);
        }
    }

    private static String error(Json.Num id, String why) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("error", why);
        StringBuilder text = new StringBuilder();
        Json.write(text, answer);
        return text.toString();
    }
}
