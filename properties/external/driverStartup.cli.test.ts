import { describe, expect, it } from 'vitest';
import { runCli, root } from '../cli/runCli.js';
import { driver } from './processes.js';

/**
 * A driver that says hello at once, claiming a start-up of 20 s, and takes 1.5 s more (a
 * sleep, then Node's start) to answer its first request: the model driver, its own hello
 * dropped.
 */
const SLOW_STARTER = `echo '{"protocol":"gather-sim/1","name":"slow-starter","startupMs":20000}'; sleep 1.5; ${driver} | { read hello; exec cat; }`;

describe("a driver's start-up, as its hello claims it (check)", () => {
  it(
    'is allowed on its first answer by the watchdog of its worker, past --timeout and the answer limit',
    { timeout: 300_000 },
    async () => {
      // --timeout 500: the watchdog allows 1000 ms a scenario (the budget and the answer limit).
      const result = await runCli(
        ['check', '--external', SLOW_STARTER, '--property', 'start', '--runs', '3', '--timeout', '500', '--jobs', '1'],
        root,
      );
      expect(result.stdout).not.toContain('BROKEN');
      expect(result.stderr).toContain('slow-starter: start pass');
      expect(result.code).toBe(0);
    },
  );
});
