import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { prepareDriver } from '../../src/languages/prepareDriver.js';
import { quickjsPromiseAll } from '../../src/languages/drivers/quickjsPromiseAll.js';
import { describeJsPromiseAll } from './describeJsPromiseAll.js';

describeJsPromiseAll(quickjsPromiseAll);

describe('the plain-ECMAScript core, read by QuickJS', () => {
  it(
    'answers every line in order: a bad line (not JSON, nested 100,000 levels deep) gets an error answer and serving goes on, a CR before the newline is dropped, a last line without one is answered',
    { timeout: 300_000 },
    async (context) => {
      const prepared = await prepareDriver(quickjsPromiseAll);
      if ('missing' in prepared) {
        if (process.env['CI'] !== undefined) expect.fail(prepared.missing);
        return context.skip(prepared.missing);
      }
      if (!('command' in prepared)) return expect.fail(prepared.buildFailed);
      const input = [
        'not json',
        '['.repeat(100_000),
        '{"id": 1, "scenario": {"tasks": [{"sleep": 5, "value": 1}], "args": [0, 0]}}\r',
        '',
        '[1]',
        '{"id": 2, "scenario": {"tasks": [{"hang": true}], "cancelGatherAt": 3}}',
        '{"id": 3, "scenario": {"tasks": []}}',
      ].join('\n');
      const child = spawn('/bin/sh', ['-c', prepared.command], { stdio: ['pipe', 'pipe', 'inherit'] });
      child.stdin.end(input);
      let stdout = '';
      for await (const chunk of child.stdout) stdout += String(chunk);
      const answers = stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(answers[0]).toEqual({
        protocol: 'gather-sim/1',
        name: 'quickjs-2025-09-13-promise-all',
        supports: { returnExceptions: true, dedupe: true },
      });
      expect(answers.slice(1).map((answer) => [answer['id'], 'error' in answer])).toEqual([
        [null, true],
        [null, true],
        [1, false],
        [null, true],
        [2, true],
        [3, false],
      ]);
      expect(answers[3]).toEqual({
        id: 1,
        observation: {
          gather: { at: 5, value: [{ value: 1 }, { value: 1 }] },
          tasks: [{ started: 0, settled: 5, outcome: 'value', cancelRequested: null }],
          unhandled: [],
        },
      });
    },
  );
});
