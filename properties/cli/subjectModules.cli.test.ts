import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runCli } from './runCli.js';

/** A fresh folder outside the repository, where no tsx is installed. */
function project(): string {
  return mkdtempSync(join(tmpdir(), 'gather-sim-subject-'));
}

/** A project folder with tsx installed (the repository's, linked into its node_modules). */
function projectWithTsx(): string {
  const folder = project();
  mkdirSync(join(folder, 'node_modules'));
  symlinkSync(join(root, 'node_modules/tsx'), join(folder, 'node_modules/tsx'));
  return folder;
}

function write(folder: string, name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

const TYPESCRIPT_SUBJECT = `type Child = (signal: AbortSignal) => Promise<unknown>;
interface Subject { name: string; supports: { returnExceptions: boolean }; gather: (children: readonly Child[]) => Promise<unknown[]> }
const subject: Subject = {
  name: 'typed-gather',
  supports: { returnExceptions: false },
  gather: (children) => Promise.all(children.map((child) => child(new AbortController().signal))),
};
export default subject;
`;
const QUICK = ['--runs', '5', '--property', 'start,order,return-exceptions'];

describe('subject modules in the CLI', { timeout: 60_000 }, () => {
  it.each(['my-gather.ts', 'my-gather.mts', 'my-gather.cts'])(
    'loads a TypeScript subject (%s) through the tsx of the project it is in',
    async (file) => {
      const folder = projectWithTsx();
      const subject = write(folder, file, TYPESCRIPT_SUBJECT);
      const result = await runCli(['check', subject, ...QUICK], folder);
      expect(result.stderr).not.toContain('cannot import');
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('typed-gather: conforms (2 pass, 0 FAIL, 1 n/a)');
    },
  );

  it('runs a scenario on a TypeScript subject with run --subject', async () => {
    const folder = projectWithTsx();
    write(folder, 'my-gather.ts', TYPESCRIPT_SUBJECT);
    const result = await runCli(['run', 'tutorial-1-two-calls', '--subject', './my-gather.ts'], folder);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('subject typed-gather');
    expect(result.stdout).toContain('expect: matched');
  });

  it('refuses a TypeScript subject where tsx is not installed with one line naming the fix, exit 2', async () => {
    const folder = project();
    write(folder, 'my-gather.ts', TYPESCRIPT_SUBJECT);
    const result = await runCli(['check', './my-gather.ts', ...QUICK], folder);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'gather-sim check: cannot import ./my-gather.ts: Node cannot import TypeScript by itself: install tsx (npm i -D tsx) to check TypeScript subjects, or compile it first\n',
    );
  });

  it('takes the exports.default of a CommonJS module, as tsc emits export default', async () => {
    const folder = project();
    write(folder, 'package.json', '{"type": "commonjs"}');
    write(
      folder,
      'my-gather.js',
      `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.default = { name: 'compiled-gather', gather: (children) => Promise.all(children.map((child) => child(new AbortController().signal))) };
`,
    );
    const result = await runCli(['check', './my-gather.js', ...QUICK], folder);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('compiled-gather: conforms (2 pass, 0 FAIL, 1 n/a)');
  });

  it('checks a bare gather function as the default export, named after its file and claiming every capability', async () => {
    const folder = project();
    write(
      folder,
      'promise-all.mjs',
      'export default (children) => Promise.all(children.map((child) => child(new AbortController().signal)));\n',
    );
    const result = await runCli(
      ['check', './promise-all.mjs', '--runs', '20', '--property', 'empty,return-exceptions'],
      folder,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('promise-all: departs from asyncio.gather (1 pass, 1 FAIL, 0 n/a)');
    expect(result.stdout).toContain('promise-all: FAIL  R6 return-exceptions');
  });

  it('still names what is wrong with a default export that is neither a subject nor a function', async () => {
    const folder = project();
    write(folder, 'wrong.mjs', 'export default { gather: () => Promise.resolve([]) };\n');
    const result = await runCli(['check', './wrong.mjs'], folder);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('its default export is not a subject: "name": expected a non-empty string');
  });
});
