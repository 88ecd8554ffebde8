import type { MessagePort } from 'node:worker_threads';
import type { Capabilities } from '../conformance/Capabilities.js';
import type { SubjectRunner } from '../conformance/SubjectRunner.js';
import type { Run } from '../executor/Run.js';
import type { Scenario } from '../scenario/Scenario.js';

/** A scenario as `portRunner` sends it, and the run that comes back: `{ scenario }`, then `{ run }`. */
export type PortMessage = { readonly scenario: Scenario } | { readonly run: Run };

/**
 * A runner, in a subject worker, for a subject in another process: each scenario goes to
 * the main thread on `port`, where a driver process answers it (`serveRuns`), and its run
 * comes back, in order. Like the driver it stands for, it orders ties on its own clock.
 */
export function portRunner(
  info: { readonly name: string; readonly supports: Capabilities; readonly replay: string },
  port: MessagePort,
): SubjectRunner {
  const waiting: ((run: Run) => void)[] = [];
  port.on('message', (message: PortMessage) => {
    if ('run' in message) waiting.shift()?.(message.run);
  });
  return {
    name: info.name,
    supports: info.supports,
    replay: info.replay,
    run(scenario) {
      return new Promise((resolve) => {
        waiting.push(resolve);
        port.postMessage({ scenario } satisfies PortMessage);
      });
    },
  };
}
