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

function runFixture(): Promise<VitestJson> {
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
      ],
      { cwd: root, env: { ...process.env, CI: 'true' }, maxBuffer: 64 * 1024 * 1024 },
      (_error, stdout) => {
        resolve(stdout);
      },
    );
  });
  // Should the output not parse, the returned promise rejects with JSON.parse's error.
  return output.then((stdout) => JSON.parse(stdout.slice(stdout.indexOf('{'))) as VitestJson);
}

describe('describeGatherConformance (gather-sim/vitest)', () => {
  it("fails a wrong gather in a user's vitest run with the same report gather-sim check prints", async () => {
    const result = await runFixture();
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
    const failureBlock = formatReport(report).split('\n\n').at(-1) ?? '';
    expect(failureBlock).toMatch(/^late: FAIL {2}R3 success/);
    expect(tests[0]?.failureMessages[0]).toContain(failureBlock);
  }, 60_000);
});
