import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const built = fileURLToPath(new URL('../../dist/src/clock/', import.meta.url));

/**
 * What jest does with each test file: the built capture module evaluated in a vm context
 * whose `process` is a copy of the host's (Node announces rejections on the host's only).
 * The child prints what the capture recorded, or 'hung' when its flush never resolved.
 */
const sandbox = `
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
const dir = process.argv[1];
const copy = Object.create(Object.getPrototypeOf(process), Object.getOwnPropertyDescriptors(process));
const context = vm.createContext({ process: copy, setImmediate, setTimeout, clearTimeout, queueMicrotask, performance });
const modules = new Map();
const load = (name) => {
  if (!modules.has(name)) {
    modules.set(name, new vm.SourceTextModule(readFileSync(dir + name, 'utf8'), { context, identifier: name }));
  }
  return modules.get(name);
};
const entry = load('captureUnhandled.js');
await entry.link((specifier) => load(specifier.slice(2)));
await entry.evaluate();
const test = new vm.SourceTextModule(
  "export default async (capture) => { const c = capture(); void Promise.reject(new RangeError('left')); await c.flush(); return c.stop().map(String); }",
  { context },
);
await test.link(() => undefined);
await test.evaluate();
const hung = new Promise((resolve) => setTimeout(() => resolve('hung'), 2000).unref());
console.log(JSON.stringify(await Promise.race([test.namespace.default(entry.namespace.captureUnhandled), hung])));
`;

function runInSandbox(): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--experimental-vm-modules', '--no-warnings', '--input-type=module', '--eval', sandbox, built],
      (_error, stdout, stderr) => {
        resolve(`${stdout}${stderr}`.trim());
      },
    );
  });
}

describe('captureUnhandled in a sandbox whose process is a copy (jest)', () => {
  it("records the subject's unhandled rejection, announced on the host's process, and its flush resolves", async () => {
    expect(await runInSandbox()).toBe('["RangeError: left"]');
  }, 20_000);
});
