import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Outcome {
  readonly title: string;
  readonly status: string;
  /** The failure report, without the stack trace. */
  readonly report: string;
}

/** Runs the two-subject fixture in a nested vitest, its tests concurrent or not. */
function runFixture(concurrent: boolean): Promise<readonly Outcome[]> {
  const args = [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--config',
    'properties/citizen/fixtures/concurrent.fixture.config.ts',
  ];
  if (concurrent) args.push('--sequence.concurrent');
  const output = new Promise<string>((resolve) => {
    execFile(
      'node',
      [...args, '--reporter', 'json'],
      { cwd: root, env: { ...process.env, CI: 'true' }, maxBuffer: 64 * 1024 * 1024 },
      (_error, stdout) => {
        resolve(stdout);
      },
    );
  });
  return output.then((stdout) => {
    const json = JSON.parse(stdout.slice(stdout.indexOf('{'))) as {
      readonly testResults: readonly {
        readonly assertionResults: readonly {
          readonly fullName: string;
          readonly status: string;
          readonly failureMessages: readonly string[];
        }[];
      }[];
    };
    return json.testResults
      .flatMap((file) => file.assertionResults)
      .map((test) => ({
        title: test.fullName,
        status: test.status,
        report: (test.failureMessages[0] ?? '').split(/\n\s+at /)[0] ?? '',
      }));
  });
}

describe('describeGatherConformance under vitest --sequence.concurrent', () => {
  it('passes a correct gather and fails a wrong one exactly as it does sequentially', async () => {
    const sequential = await runFixture(false);
    const concurrent = await runFixture(true);
    expect(concurrent).toEqual(sequential);
    const statuses = (subject: string): string[] =>
      sequential.filter((test) => test.title.startsWith(`${subject} conforms`)).map((test) => test.status);
    expect(statuses('reference')).not.toContain('failed');
    expect(statuses('reference')).toContain('passed');
    expect(statuses('late')).toContain('failed');
  }, 180_000);
});
