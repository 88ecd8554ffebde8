// A small JSON reader and writer for the driver: numbers are kept as the text they were
// written in, so a value (and a request id past 2^53) goes back exactly as it came.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

/// <summary>A JSON number, kept as its text.</summary>
sealed class JsonNumber
{
    public readonly string Text;
    public JsonNumber(string text) { Text = text; }
}

/// <summary>Reads one JSON document into Dictionary, List, string, JsonNumber, bool or null.</summary>
sealed class JsonReader
{
    const int MaxDepth = 256;
    readonly string text;
    int at;

    JsonReader(string text) { this.text = text; }

    public static object Parse(string text)
    {
        var reader = new JsonReader(text);
        reader.Space();
        object value = reader.Value(0);
        reader.Space();
        if (reader.at != text.Length) throw reader.Fail("unexpected text after the JSON value");
        return value;
    }

    FormatException Fail(string why) { return new FormatException(why + " at character " + at); }

    void Space()
    {
        while (at < text.Length && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r')) at++;
    }

    object Value(int depth)
    {
        if (at >= text.Length) throw Fail("unexpected end of the line");
        char c = text[at];
        if (c == '{' || c == '[')
        {
            if (depth >= MaxDepth) throw Fail("nested more than " + MaxDepth + " levels deep (docs/protocol.md#limits)");
            return c == '{' ? (object)Object(depth + 1) : Array(depth + 1);
        }
        if (c == '"') return String();
        if (c == '-' || (c >= '0' && c <= '9')) return Number();
        if (Word("true")) return true;
        if (Word("false")) return false;
        if (Word("null")) return null;
        throw Fail("unexpected character");
    }

    bool Word(string word)
    {
        if (string.CompareOrdinal(text, at, word, 0, word.Length) != 0) return false;
        at += word.Length;
        return true;
    }

    Dictionary<string, object> Object(int depth)
    {
        var result = new Dictionary<string, object>();
        at++;
        Space();
        if (at < text.Length && text[at] == '}') { at++; return result; }
        while (true)
        {
            Space();
            if (at >= text.Length || text[at] != '"') throw Fail("expected a key");
            string key = String();
            Space();
            if (at >= text.Length || text[at] != ':') throw Fail("expected ':'");
            at++;
            Space();
            result[key] = Value(depth);
            Space();
            if (at < text.Length && text[at] == ',') { at++; continue; }
            if (at < text.Length && text[at] == '}') { at++; return result; }
            throw Fail("expected ',' or '}'");
        }
    }

    List<object> Array(int depth)
    {
        var result = new List<object>();
        at++;
        Space();
        if (at < text.Length && text[at] == ']') { at++; return result; }
        while (true)
        {
            Space();
            result.Add(Value(depth));
            Space();
            if (at < text.Length && text[at] == ',') { at++; continue; }
            if (at < text.Length && text[at] == ']') { at++; return result; }
            throw Fail("expected ',' or ']'");
        }
    }

    string String()
    {
        var result = new StringBuilder();
        at++;
        while (true)
        {
            if (at >= text.Length) throw Fail("unterminated string");
            char c = text[at++];
            if (c == '"') return result.ToString();
            if (c < 0x20) throw Fail("control character in a string");
            if (c != '\\') { result.Append(c); continue; }
            if (at >= text.Length) throw Fail("unterminated string");
            char e = text[at++];
            switch (e)
            {
                case '"': result.Append('"'); break;
                case '\\': result.Append('\\'); break;
                case '/': result.Append('/'); break;
                case 'b': result.Append('\b'); break;
                case 'f': result.Append('\f'); break;
                case 'n': result.Append('\n'); break;
                case 'r': result.Append('\r'); break;
                case 't': result.Append('\t'); break;
                case 'u':
                    int code;
                    if (at + 4 > text.Length || !int.TryParse(text.Substring(at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code))
                        throw Fail("bad \\u escape");
                    result.Append((char)code);
                    at += 4;
                    break;
                default: throw Fail("bad escape");
            }
        }
    }

    JsonNumber Number()
    {
        int start = at;
        if (text[at] == '-') at++;
        if (at < text.Length && text[at] == '0') at++;
        else if (at < text.Length && text[at] >= '1' && text[at] <= '9') Digits();
        else throw Fail("bad number");
        if (at < text.Length && text[at] == '.') { at++; if (!Digits()) throw Fail("bad number"); }
        if (at < text.Length && (text[at] == 'e' || text[at] == 'E'))
        {
            at++;
            if (at < text.Length && (text[at] == '+' || text[at] == '-')) at++;
            if (!Digits()) throw Fail("bad number");
        }
        return new JsonNumber(text.Substring(start, at - start));
    }

    bool Digits()
    {
        int start = at;
        while (at < text.Length && text[at] >= '0' && text[at] <= '9') at++;
        return at > start;
    }
}

/// <summary>Writes what JsonReader reads (and long, int) as one line of ASCII JSON.</summary>
static class JsonWriter
{
    public static string Write(object value)
    {
        var output = new StringBuilder();
        Write(value, output);
        return output.ToString();
    }

    static void Write(object value, StringBuilder output)
    {
        if (value == null) output.Append("null");
        else if (value is bool) output.Append((bool)value ? "true" : "false");
        else if (value is JsonNumber) output.Append(((JsonNumber)value).Text);
        else if (value is long || value is int) output.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
        else if (value is string) WriteString((string)value, output);
        else if (value is IDictionary<string, object>)
        {
            output.Append('{');
            bool first = true;
            foreach (var entry in (IDictionary<string, object>)value)
            {
                if (!first) output.Append(", ");
                first = false;
                WriteString(entry.Key, output);
                output.Append(": ");
                Write(entry.Value, output);
            }
            output.Append('}');
        }
        else if (value is IList<object>)
        {
            output.Append('[');
            bool first = true;
            foreach (var item in (IList<object>)value)
            {
                if (!first) output.Append(", ");
                first = false;
                Write(item, output);
            }
            output.Append(']');
        }
        else throw new InvalidOperationException("cannot write " + value.GetType());
    }

    static void WriteString(string text, StringBuilder output)
    {
        output.Append('"');
        foreach (char c in text)
        {
            if (c == '"') output.Append("\\\"");
            else if (c == '\\') output.Append("\\\\");
            else if (c < 0x20 || c > 0x7e) output.Append("\\u").Append(((int)c).ToString("x4"));
            else output.Append(c);
        }
        output.Append('"');
    }
}
