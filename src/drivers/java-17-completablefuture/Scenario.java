import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Reads the parts of a SCENARIO (docs/protocol.md), each reader throwing IllegalArgumentException naming the path when the part is malformed. */
final class Scenario {
    private Scenario() {}

    /** The largest time a scenario may hold (10^12 ms). */
    static final long MAX_TIME = 1_000_000_000_000L;

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value, String path) {
        if (value instanceof Map<?, ?>) return (Map<String, Object>) value;
        throw new IllegalArgumentException(path + ": expected an object");
    }

    @SuppressWarnings("unchecked")
    static List<Object> array(Object value, String path) {
        if (value instanceof List<?>) return (List<Object>) value;
        throw new IllegalArgumentException(path + ": expected an array");
    }

    /** A JSON integer (`5`, `5.0` and `5e0` alike), as a long. */
    static long integer(Object value, String path) {
        if (value instanceof Json.Num num) {
            try {
                return new BigDecimal(num.raw()).longValueExact();
            } catch (ArithmeticException | NumberFormatException notWhole) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException(path + ": expected an integer");
    }

    /** A time in ms, 0 to 10^12. */
    static long time(Object value, String path) {
        long time = integer(value, path);
        if (time < 0 || time > MAX_TIME) throw new IllegalArgumentException(path + ": expected a time from 0 to 10^12 ms");
        return time;
    }

    static String string(Object value, String path) {
        if (value instanceof String string) return string;
        throw new IllegalArgumentException(path + ": expected a string");
    }

    /** A gather's tasks. */
    static List<Object> tasks(Map<String, Object> gather, String path) {
        return array(gather.get("tasks"), path + ".tasks");
    }

    /** A gather's arguments as indices into its tasks (default: each task once, in order). */
    static int[] arguments(Map<String, Object> gather, String path) {
        int count = tasks(gather, path).size();
        if (!gather.containsKey("args")) {
            int[] all = new int[count];
            for (int i = 0; i < count; i++) all[i] = i;
            return all;
        }
        List<Object> args = array(gather.get("args"), path + ".args");
        int[] indices = new int[args.size()];
        for (int i = 0; i < indices.length; i++) {
            long index = integer(args.get(i), path + ".args[" + i + "]");
            if (index < 0 || index >= count) throw new IllegalArgumentException(path + ".args[" + i + "]: no such task");
            indices[i] = (int) index;
        }
        return indices;
    }

    /** Whether the gather asks for errors as results. */
    static boolean returnExceptions(Map<String, Object> gather) {
        return Boolean.TRUE.equals(gather.get("returnExceptions"));
    }
}
