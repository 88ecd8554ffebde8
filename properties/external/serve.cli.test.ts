import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { bin, root, type CliResult } from '../cli/runCli.js';
import { fixture } from './processes.js';

const request = (id: number): string => `${JSON.stringify({ id, scenario: { tasks: [{ sleep: 10, value: id }] } })}\n`;

/** Runs `gather-sim serve ARGS` with `input` on its stdin. */
function serve(args: readonly string[], input: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, 'serve', ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
    });
    child.stdin?.end(input);
  });
}

describe('gather-sim serve', () => {
  it(
    'refuses, with exit 2 and a message, a subject module whose import never finishes',
    { timeout: 60_000 },
    async () => {
      const result = await serve(['--subject', fixture('neverImports.mjs'), '--timeout', '1000'], request(1));
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(
        /^gather-sim serve: --subject: \S*neverImports\.mjs did not finish importing within 1000 ms \(a top-level await that never settles\?\)\n$/,
      );
    },
  );

  for (const [module, thrown] of [
    ['throwsFromAbortListener.mjs', 'thrown from an abort listener'],
    ['throwsFromTimer.mjs', 'thrown from a timer'],
  ] as const) {
    it(
      `answers every request and keeps serving when its subject throws ${thrown.replace('thrown ', '')}`,
      { timeout: 60_000 },
      async () => {
        const result = await serve(
          ['--subject', fixture(module), '--timeout', '5000'],
          `${request(1)}${request(2)}${request(3)}`,
        );
        expect(result.code).toBe(0);
        const answers = result.stdout
          .trimEnd()
          .split('\n')
          .slice(1)
          .map((line) => JSON.parse(line) as Record<string, unknown>);
        expect(answers.map((answer) => answer['id'])).toEqual([1, 2, 3]);
        expect(`${result.stdout}${result.stderr}`).toContain(`Error: ${thrown}`);
        expect(result.stderr).not.toMatch(/\n\s+at /);
      },
    );
  }
});
