import type fc from 'fast-check';
import { runScenario } from '../src/executor/runScenario.js';
import type { GatherFunction } from '../src/gather/GatherFunction.js';
import { canonicalJson } from '../src/observation/canonicalJson.js';
import type { Observation } from '../src/observation/Observation.js';
import { predict } from '../src/oracle/predict.js';
import type { Scenario } from '../src/scenario/Scenario.js';
import type { CheckOutcome, GatherProperty } from './GatherProperty.js';

/** The part of a run a property looks at: the observation, and how often each task started. */
export type Projection = (observation: Observation, starts: readonly number[]) => unknown;

/**
 * A property that runs the subject, asks the oracle what the spec allows, and compares the
 * part of the observation its rule governs: it holds when some allowed observation (some
 * order of tied events) has the same part. A subject that misbehaves beyond what an
 * observation shows (throws synchronously, returns a non-promise...) fails every property.
 */
export function projectionProperty(spec: {
  readonly id: string;
  readonly rule: string;
  readonly statement: string;
  readonly arbitrary: fc.Arbitrary<Scenario>;
  readonly project: Projection;
}): GatherProperty {
  return {
    id: spec.id,
    rule: spec.rule,
    statement: spec.statement,
    arbitrary: spec.arbitrary,
    async check(scenario: Scenario, subject: GatherFunction): Promise<CheckOutcome> {
      const run = await runScenario(scenario, subject);
      const observed = spec.project(run.observation, run.starts);
      if (run.problems.length > 0) {
        return { ok: false, reason: run.problems.join('; '), expected: 'a gather that returns a promise and settles through the virtual clock', observed, run };
      }
      const once = scenario.tasks.map(() => 1);
      const allowed = new Map(predict(scenario).observations.map((observation) => {
        const part = spec.project(observation, once);
        return [canonicalJson(part), part] as const;
      }));
      if (allowed.has(canonicalJson(observed))) return { ok: true };
      const expected = allowed.size === 1 ? [...allowed.values()][0] : { oneOf: [...allowed.values()] };
      return { ok: false, reason: spec.statement, expected, observed, run };
    },
  };
}
