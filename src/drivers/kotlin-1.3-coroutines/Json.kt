/** A JSON number, kept as its literal, so a value or a request id goes back exactly as it came. */
data class Num(val raw: String)

/** How deep arrays and objects may nest (docs/protocol.md#limits says 256). */
const val MAX_DEPTH = 256

/**
 * Parses one JSON document (the JDK and Debian's Kotlin have no JSON library): objects become
 * LinkedHashMaps, arrays Lists, numbers [Num]; throws IllegalArgumentException saying where it is wrong.
 */
fun parseJson(text: String): Any? = JsonReader(text).document()

private val HEX4 = Regex("[0-9a-fA-F]{4}")

private class JsonReader(private val text: String) {
    private var at = 0

    fun document(): Any? {
        space()
        val value = value(0)
        space()
        if (at != text.length) throw wrong("extra data after the value")
        return value
    }

    private fun wrong(what: String) = IllegalArgumentException("$what at character $at")

    private fun peek(): Char? = if (at < text.length) text[at] else null

    private fun space() {
        while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r') at++
    }

    private fun expect(c: Char) {
        if (peek() != c) throw wrong("expected '$c'")
        at++
    }

    private fun value(depth: Int): Any? {
        val c = peek() ?: throw wrong("expected a value")
        if (c == '{' || c == '[') {
            if (depth >= MAX_DEPTH) throw wrong("nested deeper than $MAX_DEPTH levels")
            return if (c == '{') obj(depth + 1) else array(depth + 1)
        }
        if (c == '"') return string()
        if (c == '-' || c in '0'..'9') return number()
        for ((word, meaning) in listOf("true" to true, "false" to false, "null" to null)) {
            if (text.startsWith(word, at)) {
                at += word.length
                return meaning
            }
        }
        throw wrong("expected a value")
    }

    private fun obj(depth: Int): Map<String, Any?> {
        val map = LinkedHashMap<String, Any?>()
        at++
        space()
        if (peek() == '}') {
            at++
            return map
        }
        while (true) {
            space()
            if (peek() != '"') throw wrong("expected a key")
            val key = string()
            space()
            expect(':')
            space()
            map[key] = value(depth)
            space()
            if (peek() == ',') {
                at++
                continue
            }
            expect('}')
            return map
        }
    }

    private fun array(depth: Int): List<Any?> {
        val list = ArrayList<Any?>()
        at++
        space()
        if (peek() == ']') {
            at++
            return list
        }
        while (true) {
            space()
            list.add(value(depth))
            space()
            if (peek() == ',') {
                at++
                continue
            }
            expect(']')
            return list
        }
    }

    private fun string(): String {
        val out = StringBuilder()
        at++
        while (true) {
            val c = peek() ?: throw wrong("unterminated string")
            at++
            when {
                c == '"' -> return out.toString()
                c < ' ' -> throw wrong("control character in a string")
                c != '\\' -> out.append(c)
                else -> {
                    val e = peek() ?: throw wrong("unterminated string")
                    at++
                    when (e) {
                        '"', '\\', '/' -> out.append(e)
                        'b' -> out.append('\b')
                        'f' -> out.append('\u000c')
                        'n' -> out.append('\n')
                        'r' -> out.append('\r')
                        't' -> out.append('\t')
                        'u' -> {
                            val hex = if (at + 4 <= text.length) text.substring(at, at + 4) else ""
                            if (!HEX4.matches(hex)) throw wrong("bad \\u escape")
                            out.append(hex.toInt(16).toChar())
                            at += 4
                        }
                        else -> throw wrong("bad escape")
                    }
                }
            }
        }
    }

    private fun number(): Num {
        val start = at
        if (peek() == '-') at++
        if (peek() == '0') at++ else if (!digits()) throw wrong("bad number")
        if (peek() == '.') {
            at++
            if (!digits()) throw wrong("bad number")
        }
        if (peek() == 'e' || peek() == 'E') {
            at++
            if (peek() == '+' || peek() == '-') at++
            if (!digits()) throw wrong("bad number")
        }
        return Num(text.substring(start, at))
    }

    private fun digits(): Boolean {
        val start = at
        while (peek()?.let { it in '0'..'9' } == true) at++
        return at > start
    }
}

/** Writes a JSON value (the types [parseJson] makes, plus Long) as ASCII JSON text: every non-ASCII character escaped. */
fun writeJson(out: StringBuilder, value: Any?) {
    when (value) {
        null -> out.append("null")
        is Num -> out.append(value.raw)
        is Boolean, is Long -> out.append(value)
        is String -> writeString(out, value)
        is List<*> -> {
            out.append('[')
            value.forEachIndexed { i, item ->
                if (i > 0) out.append(", ")
                writeJson(out, item)
            }
            out.append(']')
        }
        is Map<*, *> -> {
            out.append('{')
            var first = true
            for ((key, item) in value) {
                if (!first) out.append(", ")
                first = false
                writeString(out, key as String)
                out.append(": ")
                writeJson(out, item)
            }
            out.append('}')
        }
        else -> throw IllegalStateException("not a JSON value: ${value.javaClass.name}")
    }
}

private fun writeString(out: StringBuilder, string: String) {
    out.append('"')
    for (c in string) {
        when {
            c == '"' || c == '\\' -> out.append('\\').append(c)
            c >= ' ' && c < '\u007f' -> out.append(c)
            else -> out.append(String.format("\\u%04x", c.toInt()))
        }
    }
    out.append('"')
}
