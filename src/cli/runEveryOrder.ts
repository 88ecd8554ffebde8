import { formatTieOrder, MAX_EXHAUSTIVE_TIE, picksOf } from '../clock/TieChoice.js';
import type { SubjectRunner } from '../conformance/SubjectRunner.js';
import type { Run } from '../executor/Run.js';
import { forEachTieOrder } from '../executor/forEachTieOrder.js';
import { canonicalJson } from '../observation/canonicalJson.js';
import { diffJson } from '../observation/diffJson.js';
import { isAllowed, type Prediction } from '../oracle/predict.js';
import { formatGatherOutcome } from '../report/formatResult.js';
import { formatTimeline, TIMELINE_LEGEND } from '../report/formatTimeline.js';
import type { ScenarioFile } from '../scenario/readScenarioFile.js';
import { EXIT, type CliIo } from './CliIo.js';
import { useColour } from './useColour.js';
import { escapeControl } from '../report/escapeControl.js';
import { expectDifferences } from './expectDifferences.js';

/** An order's picks as the option that replays it. */
const replay = (run: Run): string => {
  const order = formatTieOrder(picksOf(run.ties));
  return order === '' ? 'first-in-first-out' : `--tie-order ${order}`;
};

/**
 * `gather-sim run FILE --ties exhaustive`: runs the scenario in every order of its tied
 * events, checks each observation against rules R1-R12 (and the file's "expect", which some
 * order must give), and shows each distinct outcome with the order that replays it.
 */
export async function runEveryOrder(
  where: string,
  file: ScenarioFile,
  runner: SubjectRunner,
  prediction: Prediction,
  io: CliIo,
): Promise<number> {
  const distinct = new Map<string, { run: Run; orders: number }>();
  const rejected: Run[] = [];
  let matched = 0;
  let problems = 0;
  const explored = await forEachTieOrder(
    async (picks) => {
      const run = await runner.run(file.scenario, { ties: picks });
      const key = canonicalJson(run.observation);
      const seen = distinct.get(key);
      if (seen === undefined) distinct.set(key, { run, orders: 1 });
      else seen.orders += 1;
      if (prediction.complete && !isAllowed(prediction, run.observation)) rejected.push(run);
      if (file.expect !== undefined && expectDifferences(file.expect, run.observation, prediction).length === 0)
        matched += 1;
      if (run.problems.length > 0) problems += 1;
      return run.ties;
    },
    () => true,
  );
  const title = escapeControl([file.name, file.description].filter((part) => part !== undefined).join(': '));
  const lines = [where, ...(title === '' ? [] : [title]), `subject ${runner.name}`];
  if (explored.status === 'too-many') {
    const why =
      explored.tie === undefined
        ? `more than ${explored.orders} orders`
        : `${explored.tie.count} events due together at ${explored.tie.at} ms (at most ${MAX_EXHAUSTIVE_TIE})`;
    io.stdout.write(`${lines.join('\n')}\n`);
    io.stderr.write(
      `gather-sim run: --ties exhaustive: ${why}: too many orders to try them all; use --ties shuffle with a few seeds\n`,
    );
    return EXIT.usage;
  }
  const orders = explored.orders;
  lines.push(
    `ties: checked all ${orders} ${orders === 1 ? 'order' : 'orders'} of the events due together: ${distinct.size} distinct ${distinct.size === 1 ? 'observation' : 'observations'}`,
  );
  for (const { run, orders: count } of distinct.values()) {
    lines.push(
      `  gather ${formatGatherOutcome(run.observation.gather)} (${count} of ${orders}; first by ${replay(run)})`,
    );
  }
  const first = [...distinct.values()][0]?.run as Run;
  lines.push(
    '',
    `timeline of the first order (${replay(first)}):`,
    formatTimeline(first.observation, first.trace, { colour: useColour(io) }),
    TIMELINE_LEGEND,
    '',
  );
  const worst = rejected[0];
  if (worst === undefined) {
    lines.push(
      `spec: every order gives an observation rules R1-R12 allow (${prediction.observations.length} allowed in all)`,
    );
  } else {
    lines.push(
      `spec: ${rejected.length} of ${orders} orders give an observation rules R1-R12 do NOT allow; the first, ${replay(worst)}:`,
    );
    lines.push(
      ...diffJson(prediction.observations[0], worst.observation).map((line) => `  ${line}`),
      formatTimeline(worst.observation, worst.trace, { colour: useColour(io) }),
    );
  }
  if (problems > 0)
    lines.push(
      `problem: ${problems} of ${orders} orders: ${(distinct.size > 0 ? [...distinct.values()].flatMap(({ run }) => run.problems.map(escapeControl)) : []).join('; ')}`,
    );
  if (file.expect !== undefined)
    lines.push(
      '',
      matched > 0
        ? `expect: matched by ${matched} of ${orders} orders`
        : 'expect: MISMATCH: no order gives the expected observation',
    );
  io.stdout.write(`${lines.join('\n')}\n`);
  return rejected.length > 0 || problems > 0 || (file.expect !== undefined && matched === 0) ? EXIT.finding : EXIT.ok;
}
