import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// Each departure of micropython-1.27-asyncio that check finds, shown again on MicroPython's
// own loop in real time, with no gather-sim driver: one process runs the three scripts
// (their real sleeps add up to about 0.2 s; the stalled one costs the runner's 1 s watchdog).
const folder = fileURLToPath(new URL('./repro/', import.meta.url));
const SCRIPTS = ['micropython-duplicates.py', 'micropython-late-failure.py', 'micropython-cancel.py'];
let printed: ReadonlyMap<string, readonly string[]>;

beforeAll(async () => {
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, ['micropython-run.mjs', ...SCRIPTS], { cwd: folder }, (error, out) => {
      if (error === null) resolve(out);
      else reject(new Error(`the runner failed: ${error.message}`));
    });
  });
  printed = new Map(
    stdout
      .split(/^== /m)
      .slice(1)
      .map((block) => {
        const [name = '', ...lines] = block.trimEnd().split('\n');
        return [name, lines];
      }),
  );
}, 120_000);

describe("MicroPython 1.27's asyncio.gather on its own real-time loop", () => {
  it('raises RuntimeError for a task passed twice, then NameError escapes the loop when the task ends and the loop stops', () => {
    expect(printed.get('micropython-duplicates.py')).toEqual([
      "gather raised RuntimeError: can't gather",
      'child returns',
      'uncaught NameError',
      'stalled: the loop did not finish the script within 1000 ms',
    ]);
  });

  it('leaves a failure after the gather failed fast to the exception handler', () => {
    expect(printed.get('micropython-late-failure.py')).toEqual([
      'gather raised ValueError: first',
      "unhandled: Task exception wasn't retrieved ValueError('late',)",
      'main goes on',
    ]);
  });

  it('raises CancelledError from a cancelled gather before its children have even seen the request', () => {
    expect(printed.get('micropython-cancel.py')).toEqual([
      'gather raised CancelledError',
      'ignoring child: cancel requested, sleeps on',
      'ignoring child returns',
      'gather raised CancelledError',
      'cleaning child: cancel requested, cleans up',
      'cleaning child: cleanup done',
    ]);
  });
});
