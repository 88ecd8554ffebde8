/** The index just past the string token that starts at `start` (a `"`). */
function endOfString(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length && text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
  return index + 1;
}

/** The index just past the JSON value that starts at `start`, in valid JSON text; no recursion. */
function endOfValue(text: string, start: number): number {
  const first = text[start];
  if (first === '"') return endOfString(text, start);
  if (first !== '{' && first !== '[') {
    let index = start;
    while (index < text.length && !/[\s,}\]]/.test(text[index] as string)) index += 1;
    return index;
  }
  let depth = 0;
  let index = start;
  while (index < text.length) {
    const char = text[index];
    if (char === '"') {
      index = endOfString(text, index);
      continue;
    }
    if (char === '{' || char === '[') depth += 1;
    else if (char === '}' || char === ']') {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
    index += 1;
  }
  return index;
}

function skipSpace(text: string, index: number): number {
  let at = index;
  while (at < text.length && /\s/.test(text[at] as string)) at += 1;
  return at;
}

/**
 * The `id` of a request exactly as its line wrote it (`18446744073709551617`, digits past
 * 2^53 included), for the answer to repeat; undefined when the top-level object has none.
 * `line` must be valid JSON holding an object (JSON.parse accepted it); the last `id` key
 * counts, as in JSON.parse.
 */
export function rawRequestId(line: string): string | undefined {
  let index = skipSpace(line, 0) + 1;
  let raw: string | undefined;
  for (;;) {
    index = skipSpace(line, index);
    if (line[index] !== '"') return raw;
    const keyEnd = endOfString(line, index);
    const key = JSON.parse(line.slice(index, keyEnd)) as string;
    index = skipSpace(line, skipSpace(line, keyEnd) + 1);
    const valueEnd = endOfValue(line, index);
    if (key === 'id') raw = line.slice(index, valueEnd);
    index = skipSpace(line, valueEnd);
    if (line[index] !== ',') return raw;
    index += 1;
  }
}
