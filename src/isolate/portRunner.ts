import type { MessagePort } from 'node:worker_threads';
import { answerToRun, failedRun } from '../conformance/answerToRun.js';
import type { Capabilities } from '../conformance/Capabilities.js';
import type { SubjectRunner } from '../conformance/SubjectRunner.js';

/**
 * What the worker says on the port of `portRunner`: a scenario for the driver, as its JSON
 * text (a string crosses threads cheaper than an object, and the main thread writes it as
 * it is), or why the driver's answer line broke the protocol.
 */
export type PortRequest = { readonly scenarioJson: string } | { readonly broken: string };

/** What the main thread answers a scenario with: the driver's answer line to request `id` (a driver that broke ends the request instead). */
export interface PortAnswer {
  readonly id: number;
  readonly line: string;
}

/**
 * A runner, in a subject worker, for a subject in another process: each scenario goes to
 * the main thread on `port`, where a driver process answers it (`isolatedExternalSubject`),
 * and the answer line comes back, in order, to be read here (`answerToRun`), so that the
 * main thread only passes lines. A line that breaks the protocol is sent back as `broken`,
 * for the main thread to end the driver. Like the driver it stands for, it orders ties on
 * its own clock.
 */
export function portRunner(
  info: { readonly name: string; readonly supports: Capabilities; readonly replay: string },
  port: MessagePort,
): SubjectRunner {
  const waiting: ((answer: PortAnswer) => void)[] = [];
  port.on('message', (answer: PortAnswer) => waiting.shift()?.(answer));
  const dedupe = info.supports.dedupe === true;
  return {
    name: info.name,
    supports: info.supports,
    replay: info.replay,
    async run(scenario) {
      const answer = await new Promise<PortAnswer>((resolve) => {
        waiting.push(resolve);
        port.postMessage({ scenarioJson: JSON.stringify(scenario) } satisfies PortRequest);
      });
      const run = answerToRun(answer.line, answer.id, scenario, dedupe);
      if (!('broken' in run)) return run;
      port.postMessage({ broken: run.broken } satisfies PortRequest);
      return failedRun(scenario, `external subject broken: ${run.broken}`);
    },
  };
}
