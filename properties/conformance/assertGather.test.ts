import { afterEach, describe, expect, it, vi } from 'vitest';
import { assertGather } from '../../src/conformance/assertGather.js';
import { DEFAULT_SEED, defaultSeed } from '../../src/conformance/checkDefaults.js';
import { checkGather } from '../../src/conformance/checkGather.js';
import type { ConformanceReport } from '../../src/conformance/ConformanceReport.js';
import { gather } from '../../src/gather/gather.js';
import { checkProperty } from '../../src/properties/checkProperty.js';
import { success } from '../../src/properties/gatherProperties.js';
import { wrongGathers } from '../wrongGathers.js';

const wrong = (name: string) => {
  const found = wrongGathers.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no wrong gather "${name}"`);
  return { name, supports: { returnExceptions: true, cancellation: true }, gather: found.gather };
};

/** What assertGather throws (it must throw). */
async function failure(promise: Promise<void>): Promise<Error & { cause: ConformanceReport }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { cause: ConformanceReport };
  }
  throw new Error('assertGather did not throw');
}

/** The options a failure's "replay here" line prints, read as the code they are. */
function replayOptions(message: string): object {
  const code = /replay here: (\{.*\}) \(options/.exec(message)?.[1];
  if (code === undefined) throw new Error(`no replay line in:\n${message}`);
  return JSON.parse(code.replace(/([{,]\s*)(\w+):/g, '$1"$2":')) as object;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('assertGather replays, and says where', () => {
  it('the replay options a failure prints, pasted into assertGather, fail the same way on the same final scenario', async () => {
    const subject = wrong('cancels siblings on failure');
    // Seed 2 finds it after 5 scenarios: replaying must jump straight to it.
    const first = await failure(assertGather(subject, { properties: ['oracle'], seed: 2 }));
    expect(first.message).toMatch(/failed after ([2-9]|\d\d+) scenario\(s\)/);
    const options = replayOptions(first.message);
    const found = first.cause.subjects[0]?.properties[0];
    if (found?.status !== 'fail') throw new Error('expected a failure');
    expect(options).toEqual({ scenario: found.scenario, properties: ['oracle'] });
    expect(Object.keys(options)).toEqual(['scenario', 'properties']);
    const again = await failure(assertGather(subject, options));
    expect(again.message).toContain('failed after 1 scenario(s)');
    const general = (message: string): string =>
      message
        .replace(/failed after \d+ scenario\(s\)( of seed -?\d+)?/g, '')
        .replace(/\d+ scenarios each, seed \d+/, '')
        .replace(/\n {2}this failure needs .*/, '');
    expect(general(again.message)).toBe(general(first.message));
  });

  it('the replay options carry the tie mode the failure was found with', async () => {
    const subject = wrong('cancels siblings on failure');
    const first = await failure(assertGather(subject, { properties: ['oracle'], ties: 'shuffle', runs: 50 }));
    const options = replayOptions(first.message);
    expect(options).toMatchObject({ properties: ['oracle'], ties: 'shuffle' });
    const again = await failure(assertGather(subject, options));
    expect(again.message).toContain('failed after 1 scenario(s)');
  });

  it("the error's stack starts at the test that called assertGather, with no frame of gather-sim", async () => {
    const error = await failure(assertGather(wrong('settles a tick late'), { properties: ['success'], runs: 10 }));
    const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
    const user = frames.findIndex((frame) => frame.includes('properties/conformance/assertGather.test.ts'));
    expect(user).toBeGreaterThanOrEqual(0);
    expect(user).toBe(0);
    expect(frames.filter((frame) => frame.includes('/src/'))).toEqual([]);
  });

  it('the message shows expected against observed by JSON path and the expected timeline above the subject’s', async () => {
    const error = await failure(assertGather(wrong('settles a tick late'), { properties: ['success'], runs: 10 }));
    expect(error.message).toContain(
      [
        '  expected against observed, by JSON path:',
        '    at: expected 0, observed 1',
        '  expected timeline (asyncio.gather):',
        '    ms      0 1',
        '    gather  v  resolved at 0 ms with []',
        '  timeline of the subject:',
        '    ms      0 1',
        '    gather  ==v  resolved at 1 ms with []',
      ].join('\n'),
    );
    expect(error.message).not.toContain('  observed: {');
  });

  it('the expected timeline names the values and errors asyncio.gather gives, as the subject’s does', async () => {
    const error = await failure(
      assertGather(wrong('cancels siblings on failure'), { properties: ['siblings-live-on'] }),
    );
    const expected = /expected timeline \(asyncio\.gather\):\n((?: {4}.*\n)+)/.exec(error.message)?.[1] ?? '';
    expect(expected).toMatch(/^ {4}task 0 .* error APIError\(""\) at \d+$/m);
    expect(expected).toMatch(/^ {4}task 1 .* value \S+ at \d+$/m);
  });
});

describe('assertGather and checkGather honour every option', () => {
  it('runs only the properties named by id, with the seed, runs, ties and shard given', async () => {
    const error = await failure(
      assertGather(wrong('settles a tick late'), {
        properties: ['success', 'order'],
        seed: 5,
        runs: 30,
        ties: 'shuffle',
        shard: { index: 2, count: 3 },
      }),
    );
    const report = error.cause;
    expect(report).toMatchObject({ seed: 5, runs: 30, ties: 'shuffle', shard: { index: 2, count: 3 } });
    const [late, order] = report.subjects[0]?.properties ?? [];
    expect([late?.property.id, late?.status, order?.property.id, order?.status]).toEqual([
      'success',
      'fail',
      'order',
      'pass',
    ]);
    // The second of three slices of 30 scenarios: 10 of them.
    expect(order?.status === 'pass' ? order.numRuns : undefined).toBe(10);
  });

  it('rejects an id that names no property, listing the ids', async () => {
    await expect(checkGather(gather, { properties: ['sucess'] })).rejects.toThrow(
      /^checkGather: properties\[0\] must be the id of one of gatherProperties \(start, order, success, .*\), got "sucess" \(string\)$/,
    );
  });
});

describe('one default seed, GATHER_SIM_SEED overriding it', () => {
  it('checkProperty, checkGather and assertGather all default to DEFAULT_SEED', async () => {
    vi.stubEnv('GATHER_SIM_SEED', '');
    expect(defaultSeed({})).toBe(DEFAULT_SEED);
    const property = await checkProperty(success, gather, { numRuns: 1 });
    expect(property.status === 'n/a' ? undefined : property.seed).toBe(DEFAULT_SEED);
    expect((await checkGather(gather, { runs: 1, properties: ['success'] })).seed).toBe(DEFAULT_SEED);
  });

  it('GATHER_SIM_SEED sets the seed of every check given none, and a failure prints it', async () => {
    vi.stubEnv('GATHER_SIM_SEED', '77');
    const property = await checkProperty(success, gather, { numRuns: 1 });
    expect(property.status === 'n/a' ? undefined : property.seed).toBe(77);
    expect((await checkGather(gather, { runs: 1, properties: ['success'] })).seed).toBe(77);
    const error = await failure(assertGather(wrong('settles a tick late'), { properties: ['success'], runs: 10 }));
    expect(error.message).toMatch(/failed after \d+ scenario\(s\) of seed 77/);
    expect((await checkGather(gather, { runs: 1, seed: 3, properties: ['success'] })).seed).toBe(3);
  });

  it('a GATHER_SIM_SEED that is not an integer is an error naming the variable', async () => {
    vi.stubEnv('GATHER_SIM_SEED', '12abc');
    const expected = 'GATHER_SIM_SEED must be an integer (the seed of every check that is given none), got "12abc"';
    await expect(checkProperty(success, gather, { numRuns: 1 })).rejects.toThrow(expected);
    await expect(checkGather(gather, { runs: 1 })).rejects.toThrow(expected);
    await expect(assertGather(gather, { runs: 1 })).rejects.toThrow(expected);
    expect(() => defaultSeed({ GATHER_SIM_SEED: '1.5' })).toThrow(RangeError);
    expect(() => defaultSeed({ GATHER_SIM_SEED: '99999999999999999999' })).toThrow(/GATHER_SIM_SEED/);
    expect(defaultSeed({ GATHER_SIM_SEED: ' -4 ' })).toBe(-4);
    expect(defaultSeed({ GATHER_SIM_SEED: '' })).toBe(DEFAULT_SEED);
  });
});
