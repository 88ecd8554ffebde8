import { realPerformanceNow } from '../clock/realTimers.js';
import { realTimer } from './raceRealTime.js';

/** What a read gives: a line (without its `\n`, and a `\r` before it), a line over the limit, or the end of the output with why. */
export type Line = { readonly line: string } | { readonly tooLong: true } | { readonly end: string };

/**
 * The lines a process prints, split as the bytes come, in time linear in their size: each
 * chunk is searched once for `\n` and a line's chunks are joined once, when it ends. A line
 * longer than `maxBytes` is reported as soon as it goes over the limit and its other bytes
 * are dropped, so no line can exhaust memory. Feed it with {@link LineReader.take} and
 * {@link LineReader.end}.
 */
export class LineReader {
  private parts: Buffer[] = [];
  private size = 0;
  private tooLong = false;
  private readonly lines: Line[] = [];
  /** The end, once the output has ended: every later read gets it at once. */
  private ended: Line | undefined;
  private waiting: ((line: Line) => void) | undefined;
  /** When bytes last came, in real milliseconds. */
  private lastBytes = realPerformanceNow();

  constructor(private readonly maxBytes: number) {}

  /** Takes a chunk of the output. */
  take(chunk: Buffer): void {
    this.lastBytes = realPerformanceNow();
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end !== -1; end = chunk.indexOf(0x0a, start)) {
      this.keep(chunk.subarray(start, end));
      if (!this.tooLong) {
        const line = Buffer.concat(this.parts, this.size).toString('utf8');
        this.push({ line: line.endsWith('\r') ? line.slice(0, -1) : line });
      }
      Object.assign(this, { parts: [], size: 0, tooLong: false });
      start = end + 1;
    }
    if (start < chunk.length) this.keep(chunk.subarray(start));
  }

  /** Ends the output (the process exited, or could not start), saying how: later reads get it. */
  end(description: string): void {
    if (this.ended === undefined) this.push({ end: description });
  }

  private keep(bytes: Buffer): void {
    if (this.tooLong) return;
    this.size += bytes.length;
    if (this.size <= this.maxBytes) {
      this.parts.push(bytes);
      return;
    }
    Object.assign(this, { parts: [], size: 0, tooLong: true });
    this.push({ tooLong: true });
  }

  private push(line: Line): void {
    if ('end' in line) this.ended = line;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting === undefined) this.lines.push(line);
    else waiting(line);
  }

  /**
   * The next line, or 'timeout' once no byte came for `silenceMs` of real time: a long line
   * that keeps arriving is read however long it takes.
   */
  next(silenceMs: number): Promise<Line | 'timeout'> {
    const ready = this.lines.shift() ?? this.ended;
    if (ready !== undefined) return Promise.resolve(ready);
    this.lastBytes = realPerformanceNow();
    return new Promise((resolve) => {
      let clear = (): void => undefined;
      const arm = (ms: number): void => {
        clear = realTimer(() => {
          const quiet = realPerformanceNow() - this.lastBytes;
          if (quiet < silenceMs) {
            arm(silenceMs - quiet);
            return;
          }
          this.waiting = undefined;
          resolve('timeout');
        }, ms);
      };
      arm(silenceMs);
      this.waiting = (line) => {
        clear();
        resolve(line);
      };
    });
  }
}
