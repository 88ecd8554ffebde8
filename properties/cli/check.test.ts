import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { wrongGathers } from '../wrongGathers.js';
import { checkCommand } from '../../src/cli/checkCommand.js';
import { mergeCommand } from '../../src/cli/mergeCommand.js';
import { gatherProperties } from '../../src/properties/gatherProperties.js';
import { fakeIo } from './fakeIo.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'dist/src/cli/main.js');
const folder = mkdtempSync(join(tmpdir(), 'gather-sim-check-'));

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built binary as a user would, and never waits longer than it takes. */
function cli(args: readonly string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile('node', [bin, ...args], { cwd: folder, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
    });
  });
}

function module(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

interface JsonReport {
  readonly subjects: readonly {
    readonly name: string;
    readonly properties: readonly { readonly id: string; readonly status: string; readonly reason?: string }[];
  }[];
}

const every = '{ returnExceptions: true, cancellation: true, dedupe: true }';
/** The verdict line of a subject that claims every capability and keeps every property. */
const allPass = `(${gatherProperties.length} pass, 0 FAIL, 0 n/a)`;
/** The properties that need no capability: all a subject claiming none can be checked on. */
const unconditional = gatherProperties.filter((property) => property.needs.length === 0).length;
const distWrongGathers = pathToFileURL(join(root, 'dist/properties/wrongGathers.js')).href;

describe('gather-sim check', { timeout: 60_000 }, () => {
  it('catches each wrong gather of the core suite with its property, through subject modules', async () => {
    // Each module is checked on the property aimed at it (the one asserted), with the others aimed
    // at the same property: a property's scenarios depend on the seed alone, not on which other
    // properties run, so the verdict is the one the whole cross product gave, without its minutes
    // of passing checks and of shrinking failures nobody looks at.
    const modules = wrongGathers.map((wrong, index) => ({
      wrong,
      path: module(
        `wrong-${index}.mjs`,
        `import { wrongGathers } from '${distWrongGathers}';\nconst wrong = wrongGathers[${index}];\nexport default { name: wrong.name, supports: ${every}, gather: wrong.gather };\n`,
      ),
    }));
    const properties = [...new Set(wrongGathers.map((wrong) => wrong.caughtBy))];
    for (const property of properties) {
      const wrongs = modules.filter(({ wrong }) => wrong.caughtBy === property);
      const io = fakeIo();
      const paths = wrongs.map(({ path }) => path);
      expect(await checkCommand([...paths, '--property', property, '--runs', '300', '--json'], io), io.err()).toBe(1);
      const report = JSON.parse(io.out()) as JsonReport;
      for (const { wrong } of wrongs) {
        const subject = report.subjects.find((candidate) => candidate.name === wrong.name);
        expect(
          subject?.properties.map(({ id, status }) => `${id}:${status}`),
          `${wrong.name} by ${property}`,
        ).toEqual([`${property}:fail`]);
      }
    }
  }, 300_000);

  it('passes the reference module on every property with the default options, and exits 0', async () => {
    const result = await cli(['check', join(root, 'dist/src/subjects/reference.js')]);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain(`reference: conforms ${allPass}`);
    // Workers finish properties in any order: the count reaches 16, and oracle is among them.
    expect(result.stderr).toMatch(/check \[16\/16\] reference: \S+ pass/);
    expect(result.stderr).toMatch(/check \[\d+\/16\] reference: oracle pass/);
  }, 120_000);

  it('gives each misbehaving subject a clear verdict, goes on with the others, and never hangs', async () => {
    const modules = [
      module('throws.mjs', "export default { name: 'throws', gather() { throw new TypeError('not today'); } };\n"),
      module(
        'non-promise.mjs',
        "export default { name: 'non-promise', gather: (children) => children.map(() => 1) };\n",
      ),
      module('never.mjs', "export default { name: 'never', gather: () => new Promise(() => {}) };\n"),
      module(
        'real-timer.mjs',
        "const realSetTimeout = setTimeout;\nexport default { name: 'real-timer', gather: (children) => Promise.all(children.map((child) => child(new AbortController().signal))).then((results) => new Promise((resolve) => realSetTimeout(() => resolve(results), 1000))) };\n",
      ),
      module(
        'leaks.mjs',
        "export default { name: 'leaks', gather: (children) => { void Promise.reject(new RangeError('forgotten')); return Promise.all(children.map((child) => child(new AbortController().signal))); } };\n",
      ),
      join(root, 'dist/src/subjects/reference.js'),
    ];
    const result = await cli(['check', ...modules, '--runs', '50', '--json']);
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    const reasons = (name: string): string =>
      (report.subjects.find((subject) => subject.name === name)?.properties ?? [])
        .map((property) => `${property.id}:${property.status}:${property.reason ?? ''}`)
        .join('\n');
    expect(reasons('throws')).toMatch(
      /oracle:fail:gather: the gather threw synchronously instead of returning a promise \(TypeError: not today\)/,
    );
    expect(reasons('non-promise')).toMatch(/oracle:fail:gather: the gather returned a non-promise \(object\)/);
    expect(reasons('never')).toMatch(/success:fail:/);
    expect(reasons('real-timer')).toMatch(
      /success:fail:gather: never settled in virtual time and left a real setTimeout behind/,
    );
    expect(reasons('leaks')).toMatch(/no-unhandled:fail:/);
    expect(reasons('reference')).not.toMatch(/:fail:/);
  }, 120_000);

  it('passes CPython through --external and the bundled driver, on every property with the default options', async () => {
    const driver = join(root, 'src/drivers/cpython-asyncio.py');
    const result = await cli(['check', '--external', `python3 ${driver}`]);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain(`cpython-asyncio: conforms ${allPass}`);
  }, 120_000);

  it('passes the minimal example driver on every property it can express', async () => {
    const io = fakeIo();
    expect(await checkCommand(['--external', `node ${join(root, 'src/drivers/minimal-driver.mjs')}`], io)).toBe(0);
    expect(io.out()).toContain(
      `minimal-driver: conforms (${unconditional} pass, 0 FAIL, ${gatherProperties.length - unconditional} n/a)`,
    );
  }, 120_000);

  it('skips CPython in the bundled matrix, saying why, when python3 is not on the PATH', async () => {
    const result = await new Promise<Result>((resolve) => {
      execFile(
        process.execPath,
        [bin, 'check', '--property', 'empty', '--runs', '3'],
        { cwd: folder, env: { PATH: '/nonexistent' } },
        (error, stdout, stderr) => {
          resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
        },
      );
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('cpython-asyncio: skipped (python3 is not on the PATH)');
    expect(result.stdout).toContain('reference: conforms (1 pass, 0 FAIL, 0 n/a)');
  }, 60_000);

  it('reports an external subject that never says hello as BROKEN, and still checks the others', async () => {
    const io = fakeIo();
    expect(await checkCommand(['reference', '--external', 'echo hello', '--runs', '5'], io)).toBe(1);
    expect(io.out()).toContain(`reference: conforms ${allPass}`);
    expect(io.out()).toContain(
      'echo hello: BROKEN: "echo hello" its first line is not JSON: "hello" (nothing on its stderr)',
    );
  });

  it('exits 2 with a clear message for a module that does not exist', async () => {
    const result = await cli(['check', 'no-such-module.mjs']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/gather-sim check: cannot import no-such-module\.mjs: .*no-such-module\.mjs/);
  });

  it('exits 2 with a clear message for a module without the shape of a subject', async () => {
    const path = module('shapeless.mjs', "export default { name: 'shapeless', gather: 42 };\n");
    const io = fakeIo();
    expect(await checkCommand([path], io)).toBe(2);
    expect(io.err()).toBe(
      `gather-sim check: ${path}: its default export is not a subject: "gather": expected a function (children, { returnExceptions, signal }) => Promise, got 42\n`,
    );
  });

  it('exits 2 for an unknown property, naming the known ones', async () => {
    const io = fakeIo();
    expect(await checkCommand(['reference', '--property', 'fail-fst'], io)).toBe(2);
    expect(io.err()).toMatch(/--property: unknown "fail-fst"; known: start, order, success, fail-fast/);
  });

  it('exits 2 for a run count that is not a positive integer', async () => {
    const io = fakeIo();
    expect(await checkCommand(['reference', '--runs', '0'], io)).toBe(2);
    expect(io.err()).toBe('gather-sim check: --runs: expected a positive integer, got "0"\n');
  });

  it('exits 2 for --path with --shard: a replay is of the whole run, not of a slice', async () => {
    const io = fakeIo();
    expect(
      await checkCommand(['reference', '--seed', '1', '--property', 'order', '--path', '3:0', '--shard', '2/4'], io),
    ).toBe(2);
    expect(io.err()).toBe('gather-sim check: --path replays one failure of the whole run: give it without --shard\n');
  });

  it('exits 2 for --shard with more slices than --runs, whose last slices would check nothing', async () => {
    const io = fakeIo();
    expect(await checkCommand(['reference', '--runs', '3', '--shard', '5/10'], io)).toBe(2);
    expect(io.err()).toBe(
      'gather-sim check: --shard 5/10: more slices than --runs (3); a slice past the last scenario would check nothing\n',
    );
  });

  it('prints the same report byte for byte for the same seed', async () => {
    const first = fakeIo();
    const second = fakeIo();
    expect(await checkCommand(['p-map', '--runs', '30', '--seed', '7'], first)).toBe(1);
    expect(await checkCommand(['p-map', '--runs', '30', '--seed', '7'], second)).toBe(1);
    expect(first.out()).toBe(second.out());
    expect(first.out()).toContain('p-map: departs from asyncio.gather');
  }, 60_000);

  it('replays a printed failure with the command line it prints, on its final scenario', async () => {
    const io = fakeIo();
    expect(await checkCommand(['p-settle', '--property', 'fail-fast', '--runs', '50'], io)).toBe(1);
    const line = /replay the property: npx gather-sim check (.*)$/m.exec(io.out())?.[1];
    const scenario = /^ {2}scenario: (.*)$/m.exec(io.out())?.[1];
    expect(line).toBe(`--subject p-settle --property fail-fast --scenario '${scenario ?? 'none'}'`);
    const replay = fakeIo();
    expect(
      await checkCommand(['--subject', 'p-settle', '--property', 'fail-fast', '--scenario', scenario ?? ''], replay),
    ).toBe(1);
    expect(replay.out()).toContain(`  scenario: ${scenario ?? 'none'}\n`);
    expect(replay.out()).toContain('failed after 1 scenario(s)\n');
    const file = module('final-scenario.json', scenario ?? '');
    const fromFile = fakeIo();
    expect(await checkCommand(['p-settle', '--property', 'fail-fast', '--scenario', file], fromFile)).toBe(1);
    expect(fromFile.out()).toBe(replay.out());
  }, 60_000);

  it('checks a --scenario that passes as one passing scenario, and says what is wrong with a bad one', async () => {
    const io = fakeIo();
    const scenario = '{"tasks":[{"sleep":10,"value":1},{"sleep":20,"value":2}]}';
    expect(await checkCommand(['reference', '--property', 'order', '--scenario', scenario, '--json'], io)).toBe(0);
    expect(io.out()).toContain('"status": "pass"');
    const bad = fakeIo();
    expect(await checkCommand(['reference', '--scenario', '{"tasks":[{"sleep":-1,"value":1}]}'], bad)).toBe(2);
    expect(bad.err()).toMatch(/^gather-sim check: --scenario: tasks\[0\]\.sleep: /);
    const lonely = fakeIo();
    expect(await checkCommand(['reference', '--tie-order', '1'], lonely)).toBe(2);
    expect(lonely.err()).toBe(
      'gather-sim check: --tie-order orders the tied events of --scenario: give it with --scenario\n',
    );
  }, 60_000);

  it('splits a campaign with --shard I/N, and gather-sim merge puts the --json reports back together', async () => {
    const paths: string[] = [];
    for (const index of [1, 2]) {
      const io = fakeIo();
      expect(await checkCommand(['p-map', '--runs', '40', '--shard', `${index}/2`, '--json'], io)).toBe(1);
      paths.push(module(`shard-${index}.json`, io.out()));
    }
    const merged = fakeIo();
    expect(await mergeCommand(paths, merged)).toBe(1);
    const whole = fakeIo();
    expect(await checkCommand(['p-map', '--runs', '40'], whole)).toBe(1);
    // The --json reports carry each failure's run, so the merged report has its timelines too.
    // Each shard searched its own departures (merged by trigger): from the matrix on, the same.
    const fromMatrix = (text: string): string => text.slice(text.indexOf('\nproperty '));
    expect(fromMatrix(merged.out())).toBe(fromMatrix(whole.out()));
    expect(merged.out()).toMatch(/^p-map: \d+ departures? from asyncio\.gather:$/m);
    const incomplete = fakeIo();
    expect(await mergeCommand(paths.slice(0, 1), incomplete)).toBe(2);
    expect(incomplete.err()).toBe('gather-sim merge: expected shards 1..2 of 2 once each, got 1/2\n');
    const bad = fakeIo();
    expect(await checkCommand(['p-map', '--shard', '3/2'], bad)).toBe(2);
    expect(bad.err()).toBe('gather-sim check: --shard: expected I/N with 1 <= I <= N, like 2/4, got "3/2"\n');
  }, 120_000);

  it('prints the matrix as Markdown for a README', async () => {
    const io = fakeIo();
    expect(await checkCommand(['reference', 'Promise.all', '--runs', '10', '--markdown'], io)).toBe(0);
    expect(io.out().split('\n').slice(0, 3)).toEqual([
      '| property | rule | reference | Promise.all |',
      '| --- | --- | --- | --- |',
      '| `start` | R1 | pass | pass |',
    ]);
    expect(io.out()).toContain('| `outer-cancellation` | R8 | pass | n/a |');
  });

  it('shows its usage with --help and exits 0', async () => {
    const io = fakeIo();
    expect(await checkCommand(['--help'], io)).toBe(0);
    expect(io.out()).toMatch(/^Usage: gather-sim check \[MODULE\.\.\.\]/);
  });
});
