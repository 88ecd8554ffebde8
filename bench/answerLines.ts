// Reading one long answer line of an external subject (issue 13, item 5): the time must grow
// linearly with the line's size, and a line over the 256 MiB answer limit of docs/protocol.md#limits
// is refused as soon as it goes over.
import { fileURLToPath } from 'node:url';
import { realPerformanceNow } from '../src/clock/realTimers.js';
import { startExternalSubject } from '../src/conformance/externalSubject.js';
import { LineReader } from '../src/conformance/LineReader.js';

/** One size of answer line: splitting it alone, and a whole request to a driver that answers with it. */
export interface AnswerLineRow {
  readonly megabytes: number;
  /** The line reader alone, fed 64 KiB chunks, with its limit raised above the line (ms). */
  readonly splitMs: number;
  /** From request to result through a driver process, validation included (ms). */
  readonly requestMs: number;
  /** What the harness made of the answer: accepted, or refused over the limit. */
  readonly outcome: 'accepted' | 'over the limit';
}

const MiB = 1024 * 1024;
const driver = fileURLToPath(new URL('../../properties/external/fixtures/bigAnswer.mjs', import.meta.url));

async function splitMs(megabytes: number): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, 0x78);
  const reader = new LineReader(64 * MiB);
  const started = realPerformanceNow();
  for (let fed = 0; fed < megabytes * MiB; fed += chunk.length) reader.take(chunk);
  reader.take(Buffer.from('\n'));
  await reader.next(1000);
  return realPerformanceNow() - started;
}

async function requestMs(megabytes: number): Promise<{ ms: number; accepted: boolean }> {
  const start = await startExternalSubject(`node ${driver} ${megabytes}`);
  if (!start.ok) throw new Error(start.problem);
  const started = realPerformanceNow();
  const run = await start.subject.run({ tasks: [{ sleep: 1000, value: 1 }] });
  const ms = realPerformanceNow() - started;
  await start.subject.close();
  return { ms, accepted: run.problems.length === 0 };
}

/** Times answer lines of 5, 10, 20 and 40 MiB (the best of 3 each), logging progress with `log`. */
export async function measureAnswerLines(log: (text: string) => void): Promise<readonly AnswerLineRow[]> {
  log('answer lines: one answer of 5 / 10 / 20 / 40 MiB from an external subject (best of 3)');
  const rows: AnswerLineRow[] = [];
  for (const megabytes of [5, 10, 20, 40]) {
    let split = Infinity;
    let request = Infinity;
    let accepted = false;
    for (let pass = 0; pass < 3; pass += 1) {
      split = Math.min(split, await splitMs(megabytes));
      const measured = await requestMs(megabytes);
      request = Math.min(request, measured.ms);
      accepted = measured.accepted;
    }
    rows.push({
      megabytes,
      splitMs: Math.round(split),
      requestMs: Math.round(request),
      outcome: accepted ? 'accepted' : 'over the limit',
    });
  }
  return rows;
}

/** The rows as the benchmark's text report shows them. */
export function formatAnswerLines(rows: readonly AnswerLineRow[]): string[] {
  return [
    'answer lines (external subject; the limit of one answer line is 256 MiB):',
    '  MiB  split (ms)  request (ms)  outcome',
    ...rows.map(
      (row) =>
        `  ${String(row.megabytes).padStart(3)}  ${String(row.splitMs).padStart(10)}  ${String(row.requestMs).padStart(12)}  ${row.outcome}`,
    ),
  ];
}
