import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/checkCommand.js';
import { sharedWorkers } from '../../src/isolate/sharedWorkers.js';
import { fakeIo } from '../cli/fakeIo.js';
import { watchWorkerThreads } from './watchWorkerThreads.js';

const SLOW = 300_000;

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}.mjs`, import.meta.url));

/** The worker threads started from this thread while a test runs, by thread id. */
const threads = watchWorkerThreads();

/** A quick check of `subjects`, one slot, in process: its exit status and standard error. */
async function checkOneSlot(subjects: readonly string[]): Promise<{ readonly code: number; readonly stderr: string }> {
  const io = fakeIo();
  const code = await checkCommand([...subjects, '--property', 'start', '--runs', '3', '--jobs', '1'], io);
  return { code, stderr: io.err() };
}

/** The thread each fixture that says so was loaded in, by its name. */
function loadedIn(stderr: string): Map<string, number> {
  return new Map(
    [...stderr.matchAll(/(says-thread-\w) loaded in thread (\d+)/g)].map((match) => [match[1] ?? '', Number(match[2])]),
  );
}

describe('the bundled subjects share warm workers; a user module never shares one', () => {
  it(
    'two bundled subjects are loaded and checked in one worker thread',
    async () => {
      const { code } = await checkOneSlot(['reference', 'Promise.all']);
      expect(code).toBe(0);
      expect(threads).toHaveLength(1);
    },
    SLOW,
  );

  it(
    "each user module gets a worker of its own, which no bundled subject and no other user's module runs in",
    async () => {
      const { stderr } = await checkOneSlot([
        'reference',
        fixture('says-thread-a'),
        'Promise.all',
        fixture('says-thread-b'),
      ]);
      const loaded = loadedIn(stderr);
      const a = loaded.get('says-thread-a');
      const b = loaded.get('says-thread-b');
      expect(a).not.toBe(b);
      // One thread for the two bundled subjects, one for each user module.
      expect(threads).toHaveLength(3);
      expect(threads.filter((thread) => thread !== a && thread !== b)).toHaveLength(1);
    },
    SLOW,
  );

  it(
    'a worker given back after it broke or answered a throw is ended, and the next loan is a fresh worker',
    async () => {
      const shared = sharedWorkers({ budgetMs: 30_000, memoryMb: 256 }, () => undefined);
      try {
        const exiting = shared.take();
        expect(await exiting.request({ kind: 'load', module: fixture('exits') })).toMatchObject({ ok: true });
        const ran = await exiting.request({
          kind: 'run',
          scenario: { tasks: [{ sleep: 1, value: 1 }] },
          ties: undefined,
          determinism: false,
        });
        expect(ran.ok).toBe(false);
        await exiting.close();
        const throwing = shared.take();
        // Asked to check before any subject is loaded: it answers with a throw.
        const threw = await throwing.request({ kind: 'check', property: 'start', options: {}, determinism: false });
        expect(threw).toMatchObject({ ok: true, reply: { kind: 'threw' } });
        await throwing.close();
        const fresh = shared.take();
        expect(await fresh.request({ kind: 'load', module: 'reference' })).toMatchObject({
          ok: true,
          reply: { kind: 'loaded' },
        });
        await fresh.close();
        expect(new Set(threads).size).toBe(3);
        // A worker that answered as asked is lent again.
        const again = shared.take();
        expect(await again.request({ kind: 'load', module: 'Promise.all' })).toMatchObject({ ok: true });
        await again.close();
        expect(threads).toHaveLength(3);
      } finally {
        await shared.close();
      }
    },
    SLOW,
  );
});
