import Bluebird from 'bluebird';
import pAllLibrary from 'p-all';
import { describe, expect, it } from 'vitest';
import { missingCapabilities } from '../../src/conformance/Capabilities.js';
import type { Subject } from '../../src/conformance/Subject.js';
import { runScenario } from '../../src/executor/runScenario.js';
import asyncSubject from '../../src/subjects/async.js';
import bluebird from '../../src/subjects/bluebird.js';
import { BUNDLED_SUBJECTS } from '../../src/subjects/bundledSubjects.js';
import effect from '../../src/subjects/effect.js';
import effection from '../../src/subjects/effection.js';
import pAll from '../../src/subjects/pAll.js';
import pMap from '../../src/subjects/pMap.js';
import promiseAll from '../../src/subjects/promiseAll.js';
import pSettle from '../../src/subjects/pSettle.js';
import reference from '../../src/subjects/reference.js';

const adapters: readonly Subject[] = [
  reference,
  promiseAll,
  pAll,
  pMap,
  pSettle,
  bluebird,
  asyncSubject,
  effect,
  effection,
];

const lacks = (subject: Subject, capability: 'returnExceptions' | 'cancellation' | 'dedupe'): boolean =>
  missingCapabilities([capability], subject.supports ?? {}).length > 0;

describe('the bundled adapters', () => {
  it('are the subjects of the matrix, under the names the matrix uses', () => {
    expect(adapters.map((subject) => subject.name)).toEqual(BUNDLED_SUBJECTS.map((subject) => subject.name));
    expect(adapters.map((subject) => subject.name)).toEqual([
      'reference',
      'Promise.all',
      'p-all',
      'p-map',
      'p-settle',
      'bluebird',
      'async',
      'effect',
      'effection',
    ]);
  });

  for (const subject of adapters.filter((candidate) => lacks(candidate, 'dedupe'))) {
    it(`${subject.name} does not claim de-duplication: a child passed twice is started twice`, async () => {
      const run = await runScenario({ tasks: [{ sleep: 1, value: 'once' }], args: [0, 0] }, subject.gather);
      expect(run.starts).toEqual([2]);
    });
  }

  for (const subject of adapters.filter((candidate) => lacks(candidate, 'cancellation'))) {
    it(`${subject.name} does not claim cancellation: it takes no signal, so aborting one cancels no child`, async () => {
      const run = await runScenario({ tasks: [{ sleep: 1000, value: 1 }], cancelGatherAt: 10 }, subject.gather);
      expect(run.observation.tasks[0]).toEqual({ started: 0, settled: 1000, outcome: 'value', cancelRequested: null });
      expect(run.observation.gather).toEqual({ at: 1000, value: [{ value: 1 }] });
    });
  }

  for (const subject of adapters.filter((candidate) => !lacks(candidate, 'cancellation'))) {
    it(`${subject.name} claims cancellation: its gather rejects when the signal aborts`, async () => {
      const run = await runScenario({ tasks: [{ hang: true }], cancelGatherAt: 10 }, subject.gather);
      expect(run.observation.gather).toEqual({ at: 10, error: { name: 'CancelledError', message: '' } });
    });
  }

  for (const subject of adapters.filter((candidate) => !lacks(candidate, 'returnExceptions'))) {
    it(`${subject.name} claims returnExceptions: errors come back as results`, async () => {
      const run = await runScenario(
        {
          tasks: [
            { sleep: 1, error: { name: 'APIError', message: 'no' } },
            { sleep: 2, value: 2 },
          ],
          returnExceptions: true,
        },
        subject.gather,
      );
      expect(run.observation.gather).toEqual({
        at: 2,
        value: [{ error: { name: 'APIError', message: 'no', task: 0 } }, { value: 2 }],
      });
    });
  }

  it('p-all does not claim returnExceptions: with stopOnError false it rejects with an AggregateError, not a result list', async () => {
    const failure = new Error('no');
    const outcome = pAllLibrary([() => Promise.resolve(1), async () => Promise.reject(failure)], {
      stopOnError: false,
    });
    await expect(outcome).rejects.toBeInstanceOf(AggregateError);
    await expect(outcome).rejects.toMatchObject({ errors: [failure] });
  });

  it('bluebird does not claim cancellation: its own cancel silences the aggregate instead of rejecting, and does not reach native children', async () => {
    const Cancellable = Bluebird.getNewLibraryCopy();
    Cancellable.config({ cancellation: true });
    let finishChild: (value: number) => void = () => undefined;
    const child = new Promise<number>((resolve) => {
      finishChild = resolve;
    });
    let childSettled = false;
    void child.then(() => {
      childSettled = true;
    });
    const aggregate = Cancellable.all([child]);
    aggregate.cancel();
    finishChild(1);
    await child;
    expect(childSettled).toBe(true);
    expect(aggregate.isCancelled()).toBe(true);
    expect(aggregate.isRejected()).toBe(false);
  });

  it('bluebird fails fast exactly like the native Promise.all, although it defers through the real setImmediate', async () => {
    const scenario = {
      tasks: [
        { sleep: 5, value: 1 },
        { sleep: 3, error: { name: 'APIError', message: 'no' } },
        { sleep: 3, value: 3 },
      ],
    };
    const native = await runScenario(scenario, promiseAll.gather);
    const viaBluebird = await runScenario(scenario, bluebird.gather);
    expect(viaBluebird.observation).toEqual(native.observation);
    expect(viaBluebird.observation.gather).toEqual({ at: 3, error: { name: 'APIError', message: 'no', task: 1 } });
  });

  it('p-settle cannot fail fast: without returnExceptions its adapter throws the first error in argument order once all settled', async () => {
    const run = await runScenario(
      {
        tasks: [
          { sleep: 9, error: { name: 'Late', message: '' } },
          { sleep: 1, error: { name: 'Early', message: '' } },
        ],
      },
      pSettle.gather,
    );
    expect(run.observation.gather).toEqual({ at: 9, error: { name: 'Late', message: '', task: 0 } });
  });

  it('effect interrupts the siblings of a failed child, which asyncio never does', async () => {
    const run = await runScenario(
      {
        tasks: [
          { sleep: 1, error: { name: 'APIError', message: '' } },
          { sleep: 5, value: 2 },
        ],
      },
      effect.gather,
    );
    expect(run.observation.tasks[1]).toEqual({ started: 0, settled: 1, outcome: 'cancelled', cancelRequested: 1 });
  });

  it('effection halts the siblings of a failed child, which asyncio never does', async () => {
    const run = await runScenario(
      {
        tasks: [
          { sleep: 1, error: { name: 'APIError', message: '' } },
          { sleep: 5, value: 2 },
        ],
      },
      effection.gather,
    );
    expect(run.observation.tasks[1]).toEqual({ started: 0, settled: 1, outcome: 'cancelled', cancelRequested: 1 });
  });

  it('effection settles a halted gather without waiting for a child to finish its cleanup, where asyncio waits', async () => {
    const run = await runScenario(
      { tasks: [{ sleep: 100, value: 1, onCancel: { cleanup: 5 } }], cancelGatherAt: 10 },
      effection.gather,
    );
    expect(run.observation.tasks[0]).toEqual({ started: 0, settled: 15, outcome: 'cancelled', cancelRequested: 10 });
    expect(run.observation.gather).toEqual({ at: 10, error: { name: 'CancelledError', message: '' } });
  });
});
