import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkGather } from '../src/conformance/checkGather.js';
import { formatReport } from '../src/conformance/formatReport.js';
import { success } from '../src/properties/gatherProperties.js';
import { wrongGathers } from './wrongGathers.js';

const root = fileURLToPath(new URL('../', import.meta.url));

interface VitestJson {
  readonly numFailedTests: number;
  readonly testResults: readonly {
    readonly assertionResults: readonly {
      readonly title: string;
      readonly status: string;
      readonly failureMessages: readonly string[];
    }[];
  }[];
}

/** Runs one fixture file (`lateGather`, `replay`) as a user's project runs its tests, with `env` added. */
function runFixture(file: string, env: Readonly<Record<string, string>> = {}): Promise<VitestJson> {
  const output = new Promise<string>((resolve) => {
    execFile(
      'node',
      [
        'node_modules/vitest/vitest.mjs',
        'run',
        '--config',
        'properties/fixtures/vitest.fixture.config.ts',
        '--reporter',
        'json',
        file,
      ],
      { cwd: root, env: { ...process.env, CI: 'true', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (_error, stdout) => {
        resolve(stdout);
      },
    );
  });
  // Should the output not parse, the returned promise rejects with JSON.parse's error.
  return output.then((stdout) => JSON.parse(stdout.slice(stdout.indexOf('{'))) as VitestJson);
}

/** The failure block of a message: from its FAIL line to its last replay line. */
function failureBlock(message: string): string {
  const start = message.indexOf('FAIL  ');
  const lines = message.slice(start).split('\n');
  const last = lines.findLastIndex((line) => line.startsWith('  replay '));
  return lines.slice(0, last + 1).join('\n');
}

/** The options a failure's "replay here" line prints, as JSON (they are printed as code to paste). */
function replayOptions(message: string): string {
  const code = /replay here: (\{.*\}) \(options/.exec(message)?.[1];
  if (code === undefined) throw new Error(`no replay line in:\n${message}`);
  return code.replace(/([{,]\s*)(\w+):/g, '$1"$2":');
}

describe('describeGatherConformance (gather-sim/vitest)', () => {
  it("fails a wrong gather in a user's vitest run with the same report gather-sim check prints, its stack at the user's call", async () => {
    const result = await runFixture('lateGather');
    const tests = result.testResults.flatMap((file) => file.assertionResults);
    expect(tests.map((test) => [test.title, test.status])).toEqual([
      ['R3 success: when all children succeed the gather resolves at the last completion with all values', 'failed'],
    ]);
    const late = wrongGathers.find((wrong) => wrong.name === 'settles a tick late');
    if (late === undefined) throw new Error('no wrong gather');
    const report = await checkGather(
      { name: 'late', supports: { returnExceptions: true }, gather: late.gather },
      { runs: 100, properties: [success] },
    );
    const block = formatReport(report).split('\n\n').at(-1) ?? '';
    expect(block).toMatch(/^late: FAIL {2}R3 success/);
    const message = tests[0]?.failureMessages[0] ?? '';
    expect(message).toContain(block);
    expect(message).toContain('  expected against observed, by JSON path:\n    at: expected 0, observed 1\n');
    expect(message).toContain('  expected timeline (asyncio.gather):\n');
    // The stack leads to the user's describeGatherConformance call, and to no file of gather-sim's.
    const frames = message.split('\n').filter((line) => /^\s+at /.test(line));
    expect(frames[0]).toMatch(/properties\/fixtures\/lateGather\.conformance\.ts:10:1\)?$/);
    expect(frames.filter((frame) => /\/src\/(vitest|properties|conformance)\//.test(frame))).toEqual([]);
  }, 60_000);

  it('the replay options a failure prints, pasted into describeGatherConformance, fail the same way on the same final scenario', async () => {
    // A failure that takes a few scenarios to find: replaying it must jump straight to it.
    const wrong = { GATHER_SIM_FIXTURE_WRONG: 'cancels siblings on failure' };
    // Seed 2 finds it after 5 scenarios.
    const found = await runFixture('replay', {
      ...wrong,
      GATHER_SIM_FIXTURE_OPTIONS: '{ "properties": ["oracle"], "seed": 2 }',
    });
    const first = found.testResults[0]?.assertionResults[0]?.failureMessages[0] ?? '';
    expect(first).toMatch(/failed after ([2-9]|\d\d+) scenario\(s\)/);
    const options = replayOptions(first);
    const parsed = JSON.parse(options) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['scenario', 'properties']);
    expect(parsed).toMatchObject({ properties: ['oracle'] });
    expect(first).toContain(`  scenario: ${JSON.stringify(parsed['scenario'])}\n`);
    const again = await runFixture('replay', { ...wrong, GATHER_SIM_FIXTURE_OPTIONS: options });
    const tests = again.testResults.flatMap((file) => file.assertionResults);
    expect(tests.map((test) => [test.title, test.status])).toEqual([
      ['R1-R12 oracle: the whole observation is one that rules R1-R12 allow (the oracle)', 'failed'],
    ]);
    const message = tests[0]?.failureMessages[0] ?? '';
    expect(message).toContain('failed after 1 scenario(s)');
    // The same counterexample, differences and timelines: all but how many scenarios it took.
    const same = (text: string): string =>
      failureBlock(text).replace(/failed after \d+ scenario\(s\)( of seed -?\d+)?/, '');
    expect(same(message)).toBe(same(first));
    expect(message).toMatch(/properties\/fixtures\/replay\.conformance\.ts:10:1\)?\n/);
  }, 60_000);

  it('GATHER_SIM_SEED sets the seed of a describeGatherConformance block given none, and its failures print it', async () => {
    const result = await runFixture('lateGather', { GATHER_SIM_SEED: '7' });
    const message = result.testResults[0]?.assertionResults[0]?.failureMessages[0] ?? '';
    expect(message).toMatch(/failed after \d+ scenario\(s\) of seed 7/);
  }, 60_000);
});
