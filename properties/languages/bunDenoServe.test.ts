import { spawn } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bunPromiseAll } from '../../src/languages/drivers/bunPromiseAll.js';
import { denoPromiseAll } from '../../src/languages/drivers/denoPromiseAll.js';
import type { LanguageDriver } from '../../src/languages/LanguageDriver.js';
import { prepareDriver } from '../../src/languages/prepareDriver.js';
import { bin } from '../cli/runCli.js';

/** A subject that leaves one rejection unhandled beside a plain Promise.all. */
const LEAKY = `export default { name: 'leaky', supports: {}, gather: (children) => {
  const error = new Error('lost'); error.name = 'Lost'; Promise.reject(error);
  return Promise.all(children.map((child) => child(new AbortController().signal)));
} };
`;

/** The engine's binary, as its driver's command starts it (the command's first word). */
async function engine(driver: LanguageDriver): Promise<string | undefined> {
  const prepared = await prepareDriver(driver);
  if ('missing' in prepared) {
    if (process.env['CI'] !== undefined) expect.fail(`${driver.name}: ${prepared.missing}`);
    return undefined;
  }
  if (!('command' in prepared)) return expect.fail(prepared.buildFailed);
  return prepared.command.split(' ')[0];
}

describe("gather-sim's own serve on Bun and Deno", () => {
  for (const [driver, runArgs] of [
    [bunPromiseAll, []],
    [denoPromiseAll, ['run', '-A']],
  ] as const) {
    it(
      `serves scenarios on ${driver.runtime} and lists a rejection the subject left unhandled, where its first scenario used to kill it with an uncaught {}`,
      { timeout: 300_000 },
      async (context) => {
        const binary = await engine(driver);
        if (binary === undefined) return context.skip(`needs ${driver.needs.map((need) => need.install).join(', ')}`);
        const subject = join(mkdtempSync(join(tmpdir(), 'gather-sim-serve-')), 'leaky.mjs');
        writeFileSync(subject, LEAKY);
        const child = spawn(binary.replace(/^'|'$/g, ''), [...runArgs, bin, 'serve', '--subject', subject], {
          stdio: ['pipe', 'pipe', 'inherit'],
        });
        child.stdin.end(
          [
            '{"id": 1, "scenario": {"tasks": [{"sleep": 5, "value": 1}]}}',
            '{"id": 2, "scenario": {"tasks": [{"sleep": 7, "error": {"name": "APIError", "message": "x"}}]}}',
          ].join('\n'),
        );
        let stdout = '';
        for await (const chunk of child.stdout) stdout += String(chunk);
        const answers = stdout
          .trimEnd()
          .split('\n')
          .slice(1)
          .map((line) => JSON.parse(line) as unknown);
        expect(answers).toEqual([
          {
            id: 1,
            observation: {
              gather: { at: 5, value: [{ value: 1 }] },
              tasks: [{ started: 0, settled: 5, outcome: 'value', cancelRequested: null }],
              unhandled: [{ name: 'Lost', message: 'lost' }],
            },
          },
          {
            id: 2,
            observation: {
              gather: { at: 7, error: { name: 'APIError', message: 'x', task: 0 } },
              tasks: [{ started: 0, settled: 7, outcome: 'error', cancelRequested: null }],
              unhandled: [{ name: 'Lost', message: 'lost' }],
            },
          },
        ]);
      },
    );
  }
});
