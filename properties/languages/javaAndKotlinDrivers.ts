import { startExternalSubject } from '../../src/conformance/externalSubject.js';
import type { LanguageDriver } from '../../src/languages/LanguageDriver.js';
import { prepareDriver } from '../../src/languages/prepareDriver.js';
import type { Observation } from '../../src/observation/Observation.js';
import type { Scenario } from '../../src/scenario/Scenario.js';
import { root, runCli } from '../cli/runCli.js';

/**
 * The command of a language driver, built into the normal cache if needed. A missing toolchain
 * skips the test with the "needs" reason, and fails it under CI (which installs every toolchain);
 * a failed build fails it with the build's output.
 */
export async function preparedDriver(driver: LanguageDriver, skip: (note: string) => never): Promise<string> {
  const prepared = await prepareDriver(driver);
  if ('missing' in prepared) {
    if (process.env.CI !== undefined) throw new Error(`${driver.name}: ${prepared.missing}`);
    skip(prepared.missing);
  }
  if ('buildFailed' in prepared) throw new Error(prepared.buildFailed);
  return prepared.command;
}

/** What `gather-sim check NAME --runs N --json` said: each property's status by id, and the triggers of the departures it found. */
export interface Verdicts {
  readonly statuses: Readonly<Record<string, string>>;
  readonly triggers: readonly string[];
}

/** Runs the built CLI's `check` on a named subject once and reads its JSON report. */
export async function checkVerdicts(name: string, runs: number): Promise<Verdicts> {
  const result = await runCli(['check', name, '--runs', String(runs), '--json'], root);
  const report = JSON.parse(result.stdout) as {
    subjects: { properties: { id: string; status: string }[]; departures?: { trigger: string }[] }[];
  };
  const [subject] = report.subjects;
  if (subject === undefined) throw new Error(`check ${name} reported no subject: ${result.stderr}`);
  return {
    statuses: Object.fromEntries(subject.properties.map((property) => [property.id, property.status])),
    triggers: (subject.departures ?? []).map((departure) => departure.trigger),
  };
}

/** The observations of `scenarios` on one process of a driver, in order. */
export async function observe(command: string, scenarios: readonly Scenario[]): Promise<Observation[]> {
  const started = await startExternalSubject(command, { helloMs: 60_000, answerMs: 60_000 });
  if (!started.ok) throw new Error(started.problem);
  try {
    const observations: Observation[] = [];
    for (const scenario of scenarios) {
      const run = await started.subject.run(scenario);
      if (run.problems.length > 0) throw new Error(`${JSON.stringify(scenario)}: ${run.problems.join('; ')}`);
      observations.push(run.observation);
    }
    return observations;
  } finally {
    await started.subject.close();
  }
}
