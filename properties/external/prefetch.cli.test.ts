import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bin, runCli } from '../cli/runCli.js';

const folder = mkdtempSync(join(tmpdir(), 'gather-sim-prefetch-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/**
 * A driver that serves the reference (`gather-sim serve`) but holds its answer to its first
 * request until it has read a second one (or its stdin has ended): it answers a harness
 * that sends scenarios ahead, and goes silent on one that waits for each answer.
 */
const relay = join(folder, 'hold-until-next.mjs');
writeFileSync(
  relay,
  `import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
const serve = spawn(process.execPath, [${JSON.stringify(bin)}, 'serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
let read = 0;
let answered = 0;
const held = [];
const release = (all) => {
  // The first answer goes out once a second request has come in; the others at once.
  while (held.length > 0 && (all || answered > 0 || read > 1)) {
    process.stdout.write(held.shift() + '\\n');
    answered += 1;
  }
};
let hello = true;
let ended = false;
createInterface({ input: serve.stdout }).on('line', (line) => {
  if (hello) {
    hello = false;
    process.stdout.write(line + '\\n');
    return;
  }
  held.push(line);
  release(ended);
});
createInterface({ input: process.stdin })
  .on('line', (line) => {
    read += 1;
    serve.stdin.write(line + '\\n');
    release(false);
  })
  .on('close', () => {
    ended = true;
    release(true);
    serve.stdin.end();
  });
serve.on('exit', () => {
  release(true);
  process.exitCode = 0;
});
`,
);

describe('a subject in another process (check)', () => {
  it(
    'is sent the next scenarios of a property before it has answered the one before, and its verdict stays the same',
    { timeout: 300_000 },
    async () => {
      const args = ['--property', 'order', '--runs', '40', '--seed', '5', '--jobs', '1'];
      const held = await runCli(['check', '--external', `node ${relay}`, ...args], folder);
      expect(held.stdout).not.toContain('BROKEN');
      expect(held.code, held.stdout).toBe(0);
      // The same report, byte for byte, as the reference answering each request at once.
      const direct = await runCli(['check', '--external', `node ${bin} serve`, ...args], folder);
      expect(held.stdout).toContain('reference: conforms');
      expect(held.stdout).toBe(direct.stdout);
    },
  );
});
