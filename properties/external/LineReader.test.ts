import { describe, expect, it } from 'vitest';
import { LineReader } from '../../src/conformance/LineReader.js';

/** Every line a reader has ready, up to its end. */
async function drain(reader: LineReader): Promise<unknown[]> {
  reader.end('exited with status 0');
  const lines: unknown[] = [];
  for (;;) {
    const line = await reader.next(1000);
    lines.push(line);
    if (line === 'timeout' || 'end' in line) return lines;
  }
}

describe('the line reader of an external subject', () => {
  it('splits on \\n only, across chunks, drops a \\r before it, and decodes a character split between chunks', async () => {
    const reader = new LineReader(100);
    const euro = Buffer.from('€', 'utf8');
    reader.take(Buffer.from('{"a":1}\r\n{"b":'));
    reader.take(Buffer.concat([Buffer.from('"'), euro.subarray(0, 1)]));
    reader.take(Buffer.concat([euro.subarray(1), Buffer.from('"}\nx\ry\n')]));
    expect(await drain(reader)).toEqual([
      { line: '{"a":1}' },
      { line: '{"b":"€"}' },
      { line: 'x\ry' },
      { end: 'exited with status 0' },
    ]);
  });

  it('reports a line over the limit once, as soon as it goes over, and reads the next line as usual', async () => {
    const reader = new LineReader(10);
    reader.take(Buffer.from('0123456789'));
    const over = reader.next(1000);
    reader.take(Buffer.from('abc'));
    expect(await over).toEqual({ tooLong: true });
    reader.take(Buffer.from('def\nok\n'));
    expect(await drain(reader)).toEqual([{ line: 'ok' }, { end: 'exited with status 0' }]);
  });

  it('keeps a line of exactly the limit', async () => {
    const reader = new LineReader(10);
    reader.take(Buffer.from('0123456789\n'));
    expect(await drain(reader)).toEqual([{ line: '0123456789' }, { end: 'exited with status 0' }]);
  });

  it('gives a reader waiting for a line the line as it ends, and the end to every read after it', async () => {
    const reader = new LineReader(100);
    const waiting = reader.next(1000);
    reader.take(Buffer.from('hel'));
    reader.take(Buffer.from('lo\n'));
    expect(await waiting).toEqual({ line: 'hello' });
    const last = reader.next(1000);
    reader.end('exited on SIGKILL');
    expect(await last).toEqual({ end: 'exited on SIGKILL' });
    expect(await reader.next(1000)).toEqual({ end: 'exited on SIGKILL' });
  });
});
