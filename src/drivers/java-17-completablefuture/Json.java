import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON this driver reads and writes (the JDK has no JSON library). Objects become
 * LinkedHashMaps (key order kept), arrays Lists, strings Strings, true/false Booleans, null
 * null, and numbers a {@link Num} that keeps the literal as written, so a value or a request
 * id goes back exactly as it came. Writing escapes every non-ASCII character, so the output
 * is ASCII whatever the input held (lone surrogates included).
 */
final class Json {
    /** A JSON number, kept as its literal. */
    record Num(String raw) {}

    /** How deep arrays and objects may nest (docs/protocol.md#limits says 256). */
    static final int MAX_DEPTH = 256;

    private final String text;
    private int at;

    private Json(String text) {
        this.text = text;
    }

    /** Parses one JSON document, or throws IllegalArgumentException saying where it is wrong. */
    static Object parse(String text) {
        Json reader = new Json(text);
        reader.space();
        Object value = reader.value(0);
        reader.space();
        if (reader.at != text.length()) throw reader.wrong("extra data after the value");
        return value;
    }

    private IllegalArgumentException wrong(String what) {
        return new IllegalArgumentException(what + " at character " + at);
    }

    private void space() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            at++;
        }
    }

    private Object value(int depth) {
        if (at >= text.length()) throw wrong("expected a value");
        char c = text.charAt(at);
        if (c == '{' || c == '[') {
            if (depth >= MAX_DEPTH) throw wrong("nested deeper than " + MAX_DEPTH + " levels");
            return c == '{' ? object(depth + 1) : array(depth + 1);
        }
        if (c == '"') return string();
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        if (text.startsWith("true", at)) {
            at += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("false", at)) {
            at += 5;
            return Boolean.FALSE;
        }
        if (text.startsWith("null", at)) {
            at += 4;
            return null;
        }
        throw wrong("expected a value");
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        at++;
        space();
        if (at < text.length() && text.charAt(at) == '}') {
            at++;
            return map;
        }
        while (true) {
            space();
            if (at >= text.length() || text.charAt(at) != '"') throw wrong("expected a key");
            String key = string();
            space();
            expect(':');
            space();
            map.put(key, value(depth));
            space();
            if (at < text.length() && text.charAt(at) == ',') {
                at++;
                continue;
            }
            expect('}');
            return map;
        }
    }

    private List<Object> array(int depth) {
        List<Object> list = new ArrayList<>();
        at++;
        space();
        if (at < text.length() && text.charAt(at) == ']') {
            at++;
            return list;
        }
        while (true) {
            space();
            list.add(value(depth));
            space();
            if (at < text.length() && text.charAt(at) == ',') {
                at++;
                continue;
            }
            expect(']');
            return list;
        }
    }

    private void expect(char c) {
        if (at >= text.length() || text.charAt(at) != c) throw wrong("expected '" + c + "'");
        at++;
    }

    private String string() {
        StringBuilder out = new StringBuilder();
        at++;
        while (true) {
            if (at >= text.length()) throw wrong("unterminated string");
            char c = text.charAt(at++);
            if (c == '"') return out.toString();
            if (c < 0x20) throw wrong("control character in a string");
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= text.length()) throw wrong("unterminated string");
            char e = text.charAt(at++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length() || !text.substring(at, at + 4).matches("[0-9a-fA-F]{4}"))
                        throw wrong("bad \\u escape");
                    out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> throw wrong("bad escape");
            }
        }
    }

    private Num number() {
        int start = at;
        if (text.charAt(at) == '-') at++;
        if (at < text.length() && text.charAt(at) == '0') at++;
        else if (!digits()) throw wrong("bad number");
        if (at < text.length() && text.charAt(at) == '.') {
            at++;
            if (!digits()) throw wrong("bad number");
        }
        if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            at++;
            if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) at++;
            if (!digits()) throw wrong("bad number");
        }
        return new Num(text.substring(start, at));
    }

    private boolean digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') at++;
        return at > start;
    }

    /** Writes a value read by {@link #parse} (or built of the same types, plus Long) as JSON text. */
    static void write(StringBuilder out, Object value) {
        if (value == null) out.append("null");
        else if (value instanceof Num num) out.append(num.raw());
        else if (value instanceof Boolean || value instanceof Long) out.append(value);
        else if (value instanceof String string) writeString(out, string);
        else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) out.append(", ");
                write(out, list.get(i));
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) out.append(", ");
                first = false;
                writeString(out, (String) entry.getKey());
                out.append(": ");
                write(out, entry.getValue());
            }
            out.append('}');
        } else throw new IllegalStateException("not a JSON value: " + value.getClass().getName());
    }

    private static void writeString(StringBuilder out, String string) {
        out.append('"');
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c >= 0x20 && c < 0x7f) out.append(c);
            else out.append(String.format("\\u%04x", (int) c));
        }
        out.append('"');
    }
}
