import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pMap from 'p-map';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packedTarball } from '../package/packedTarball.js';
import {
  installTarball,
  prepareConsumer,
  root,
  run,
  useSubject,
  type ConsumerSetup,
  type Outcome,
} from './consumerProject.js';

/** A test runner's consumer project, and the line its output shows when the correct gather passed. */
interface RunnerConsumer extends ConsumerSetup {
  readonly runner: string;
  readonly passed: RegExp;
}

const runners: readonly RunnerConsumer[] = [
  {
    runner: 'vitest',
    project: 'vitest',
    format: 'js',
    install: [],
    link: ['vitest'],
    passed: /Tests\s+14 passed \| 2 skipped/,
  },
  {
    runner: 'jest (CommonJS)',
    project: 'jest-cjs',
    format: 'cjs',
    install: [],
    link: ['jest'],
    passed: /Tests:\s+1 passed/,
  },
  {
    runner: 'jest (ES modules)',
    project: 'jest-esm',
    format: 'js',
    install: [],
    link: ['jest'],
    passed: /Tests:\s+1 passed/,
  },
  { runner: 'node:test', project: 'node-test', format: 'js', install: [], link: [], passed: /# pass 1\n/ },
  { runner: 'mocha', project: 'mocha', format: 'js', install: [], link: ['mocha'], passed: /1 passing/ },
];

/** The fast-check majors gather-sim's peer dependency accepts, each in a project of its own. */
const fastChecks: readonly (ConsumerSetup & { readonly major: number })[] = [3, 4].map((major) => ({
  major,
  project: 'fast-check',
  format: 'js',
  install: [`fast-check@^${major}`],
  link: ['typescript', '@types/node'],
}));

interface RunnerResult {
  readonly correct: Outcome;
  readonly wrong: Outcome;
}

const scratch = mkdtempSync(join(tmpdir(), 'gather-sim-consumers-'));
const results = new Map<string, RunnerResult>();
/** The one install the runners' projects share: the tarball alone, into a project with nothing else. */
let runnersInstall: Outcome | undefined;
const fastCheckResults = new Map<
  number,
  { readonly folder: string; readonly install: Outcome; readonly test: Outcome }
>();

function output(outcome: Outcome): string {
  return `${outcome.stdout}\n${outcome.stderr}`;
}

/** Whether a runner's output shows `pattern`, with the whole output as the message (no diff of pages of text). */
function expectOutput(outcome: Outcome, pattern: RegExp, shown = true): void {
  const text = output(outcome);
  expect(pattern.test(text), `${shown ? 'no' : 'unexpected'} ${String(pattern)} in:\n${text}`).toBe(shown);
}

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/cjs/index.js')))
    throw new Error('no build to pack: run `npm run build` (npm test does it first)');
  const { tarball } = await packedTarball();
  // The runners' projects install the tarball alone, so each would get the same node_modules:
  // installed once, beside them, and copied into each.
  const installed = join(scratch, 'installed');
  mkdirSync(installed);
  writeFileSync(join(installed, 'package.json'), '{ "name": "gather-sim-consumer-install", "private": true }\n');
  const sharedInstall = installTarball(installed, tarball, []);
  // Two at a time: the machine has two cores, and each runner is a process tree of its own.
  // The timeout leaves room for a machine busy with other work.
  await pMap(
    [
      ...fastChecks.map((setup) => ({ kind: 'fc' as const, setup })),
      ...runners.map((setup) => ({ kind: 'runner' as const, setup })),
    ],
    async (job) => {
      if (job.kind === 'fc') {
        const into = join(scratch, `fast-check-${job.setup.major}`);
        const { folder, install } = await prepareConsumer(job.setup, tarball, into);
        if (install === undefined) throw new Error('fast-check project without an install');
        fastCheckResults.set(job.setup.major, { folder, install, test: await run('npm', ['test'], folder) });
        return;
      }
      runnersInstall = await sharedInstall;
      const { folder } = await prepareConsumer(job.setup, tarball, scratch, installed);
      const correct = await run('npm', ['test'], folder);
      useSubject(folder, job.setup.format, 'wrong');
      const wrong = await run('npm', ['test'], folder);
      results.set(job.setup.runner, { correct, wrong });
    },
    { concurrency: 2 },
  );
}, 600_000);

// Eight folders with node_modules of their own: removing them takes a while on a busy machine.
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
}, 120_000);

/** The result of one runner's consumer, which beforeAll made. */
function resultOf(runner: string): RunnerResult {
  const result = results.get(runner);
  if (result === undefined) throw new Error(`no result for ${runner}`);
  return result;
}

describe('a fresh project that installs the packed tarball', () => {
  it('gets no npm warning from the install', () => {
    const installs = [
      ...(runnersInstall === undefined ? [] : [['the runners', runnersInstall] as const]),
      ...[...fastCheckResults].map(([major, result]) => [`fast-check ${major}`, result.install] as const),
    ];
    expect(results.size).toBe(runners.length);
    expect(installs).toHaveLength(1 + fastChecks.length);
    for (const [project, install] of installs) {
      expect(install.code, `${project}: ${install.stderr}`).toBe(0);
      expect(install.stderr, project).not.toMatch(/npm warn/i);
    }
  });

  for (const { runner, passed } of runners) {
    it(`passes a correct gather under ${runner}`, () => {
      const { correct } = resultOf(runner);
      expect(correct.code, output(correct)).toBe(0);
      expectOutput(correct, passed);
    });

    it(`fails a wrong gather under ${runner}, naming the property it breaks, with no stack frame in a file the package lacks`, () => {
      const { wrong } = resultOf(runner);
      expect(wrong.code, output(wrong)).not.toBe(0);
      expectOutput(wrong, /FAIL\s+R5 siblings-live-on/);
      expectOutput(wrong, /gather-sim\/src\/\S+\.ts/, false);
    });
  }

  for (const { major } of fastChecks) {
    it(`compiles and runs fc.assert(fc.asyncProperty(scenarioArbitrary(), ...)) on the project's own fast-check ${major}`, () => {
      const result = fastCheckResults.get(major);
      expect(result).toBeDefined();
      if (result === undefined) return;
      expect(result.test.code, output(result.test)).toBe(0);
      expect(result.test.stdout).toContain(`fast-check ${major}.`);
      expect(result.test.stdout).toContain('100 scenarios, each observation allowed by the oracle');
      // One fast-check, the project's: npm nests none under gather-sim.
      const installed = JSON.parse(
        readFileSync(join(result.folder, 'node_modules/fast-check/package.json'), 'utf8'),
      ) as { readonly version: string };
      expect(installed.version.split('.')[0]).toBe(String(major));
      expect(existsSync(join(result.folder, 'node_modules/gather-sim/node_modules/fast-check'))).toBe(false);
    });
  }
});
