import type { SubjectRunner } from '../conformance/SubjectRunner.js';
import type { Run } from '../executor/Run.js';
import type { Scenario } from '../scenario/Scenario.js';
import type { IsolatedSubject } from './loadIsolatedSubject.js';
import { unexpectedOutcome, type SubjectWorker } from './startSubjectWorker.js';

/** The run of a scenario the worker did not finish: nothing seen, one problem. */
function brokenRun(scenario: Scenario, problem: string): Run {
  return {
    observation: {
      gather: { pending: true },
      tasks: scenario.tasks.map(() => ({ started: null, settled: null, outcome: 'pending', cancelRequested: null })),
      unhandled: [],
    },
    trace: [],
    starts: scenario.tasks.map(() => 0),
    problems: [problem],
    ties: [],
    leaks: [],
  };
}

/**
 * A runner for a subject loaded in worker threads (`gather-sim run`): each scenario runs in
 * the worker under its watchdog. A run that breaks the worker (a hang, an exit, a crash,
 * memory) comes back with nothing observed and the problem, `broken()` says what happened
 * until the next run, and the next run gets a fresh worker. `close` stops the worker.
 */
export function isolatedRunner(subject: IsolatedSubject): SubjectRunner & { close(): Promise<void> } {
  let worker: SubjectWorker | undefined;
  let broken: string | undefined;
  return {
    name: subject.name,
    supports: subject.supports,
    replay: subject.replay,
    ordersTies: true,
    recovers: true,
    broken: () => broken,
    async run(scenario, options) {
      broken = undefined;
      if (worker === undefined) {
        const started = await subject.startWorker();
        if (!started.ok) {
          broken = `could not be loaded again: ${started.what}`;
          return brokenRun(scenario, `${subject.name} ${broken}`);
        }
        worker = started.worker;
      }
      const outcome = await worker.request({ kind: 'run', scenario, ties: options?.ties, determinism: false });
      if (outcome.ok && outcome.reply.kind === 'ran') return outcome.reply.run;
      await worker.close();
      worker = undefined;
      broken = unexpectedOutcome(outcome);
      return brokenRun(scenario, `${subject.name} ${broken}`);
    },
    async close() {
      await worker?.close();
      await subject.close();
    },
  };
}
