import { runScenario, type RunOptions } from '../executor/runScenario.js';
import type { Run } from '../executor/Run.js';
import type { GatherFunction } from '../gather/GatherFunction.js';
import type { Scenario } from '../scenario/Scenario.js';
import type { Capabilities } from './Capabilities.js';
import type { Subject } from './Subject.js';

/**
 * A subject as the properties see it: something that runs a scenario and reports the run.
 * In-process gathers run on the virtual clock; external ones answer over the protocol.
 */
export interface SubjectRunner {
  readonly name: string;
  readonly supports: Capabilities;
  /** The option that selects this subject in `gather-sim run` and `check`, for replay lines: `--subject p-map`. */
  readonly replay?: string;
  /**
   * Whether `options.ties` orders the events due at one instant: true for a gather in this
   * process; an external subject orders them on its own clock.
   */
  readonly ordersTies?: boolean;
  /**
   * Whether a run after one that broke the subject starts afresh (a module in a worker thread
   * gets a new worker), rather than the subject staying broken (a driver process that died).
   */
  readonly recovers?: boolean;
  run(scenario: Scenario, options?: Pick<RunOptions, 'ties'>): Promise<Run>;
  /**
   * For a subject in another process: the scenarios the checks will run next, in order
   * (replacing an earlier list; read as they are needed). It may send them ahead, so that it works on one while the
   * checker judges the one before; `run` is still called for each, and a run of any other
   * scenario is answered as usual. Optional: a runner without it runs each when asked.
   */
  prefetch?(scenarios: Iterable<Scenario>): void;
  /** For a subject in another process: why it broke (it crashed, went silent...), if it did. */
  broken?(): string | undefined;
}

/** Anything the checks accept as a subject. */
export type SubjectLike = GatherFunction | Subject | SubjectRunner;

/**
 * A runner for a subject: a bare gather function claims every capability (as the
 * reference does), a {@link Subject} what it says, a runner is used as it is.
 */
export function toSubjectRunner(subject: SubjectLike): SubjectRunner {
  if (typeof subject === 'function') {
    return {
      name: subject.name === '' ? 'gather' : subject.name,
      supports: { returnExceptions: true, cancellation: true, dedupe: true },
      ordersTies: true,
      run: (scenario, options) => runScenario(scenario, subject, options),
    };
  }
  if ('run' in subject) return subject;
  const { gather } = subject;
  return {
    name: subject.name,
    supports: subject.supports ?? {},
    ordersTies: true,
    run: (scenario, options) => runScenario(scenario, gather, options),
  };
}
