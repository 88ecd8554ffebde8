/** One line of input: its bytes without the `\n` (and without a `\r` before it), or a line over the limit. */
export type InputLine =
  { readonly number: number; readonly bytes: Buffer } | { readonly number: number; readonly tooLong: true };

/**
 * Splits a stream into lines on `\n` only (a `\r` elsewhere stays in the line), as bytes,
 * so a character split between chunks is decoded whole later. A line longer than
 * `maxBytes` is not kept: its bytes are dropped as they come and it is reported as too
 * long, so no line can exhaust memory. A last line without `\n` counts too.
 */
export async function* readLines(
  stream: AsyncIterable<string | Buffer>,
  maxBytes: number,
): AsyncGenerator<InputLine, void, undefined> {
  // The line being read: its bytes so far, unless it went over the limit.
  const line = { parts: [] as Buffer[], size: 0, tooLong: false };
  let number = 0;
  const finish = (): InputLine => {
    number += 1;
    let bytes = Buffer.concat(line.parts);
    if (bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    const done: InputLine = line.tooLong ? { number, tooLong: true } : { number, bytes };
    Object.assign(line, { parts: [], size: 0, tooLong: false });
    return done;
  };
  const keep = (bytes: Buffer): void => {
    if (line.tooLong) return;
    line.size += bytes.length;
    if (line.size > maxBytes) Object.assign(line, { parts: [], tooLong: true });
    else line.parts.push(bytes);
  };
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (let end = bytes.indexOf(0x0a, start); end !== -1; end = bytes.indexOf(0x0a, start)) {
      keep(bytes.subarray(start, end));
      yield finish();
      start = end + 1;
    }
    if (start < bytes.length) keep(bytes.subarray(start));
  }
  if (line.size > 0) yield finish();
}
