import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/checkCommand.js';
import { mergeCommand } from '../../src/cli/mergeCommand.js';
import { parseXml } from '../conformance/parseXml.js';
import { fakeIo } from './fakeIo.js';
import { runCli } from './runCli.js';

const folder = mkdtempSync(join(tmpdir(), 'gather-sim-junit-'));
const HOSTILE = 'my <gather> & "co" ]]>\u0001';

/** Promise.all claiming cancellation, which it does not have: R8 outer-cancellation fails. */
writeFileSync(
  join(folder, 'my-gather.mjs'),
  `export default {
  name: ${JSON.stringify(HOSTILE)},
  supports: { cancellation: true },
  gather: (children) => Promise.all(children.map((child) => child(new AbortController().signal))),
};
`,
);

describe('gather-sim check --junit', { timeout: 60_000 }, () => {
  it('writes JUnit XML a CI system reads: a test case per property, the failure with its report', async () => {
    const file = join(folder, 'check.xml');
    const result = await runCli(
      [
        'check',
        './my-gather.mjs',
        '--runs',
        '20',
        '--property',
        'start,outer-cancellation,return-exceptions',
        '--junit',
        file,
      ],
      folder,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`wrote ${file}\n`);
    const [parsed] = parseXml([readFileSync(file, 'utf8')]);
    if (parsed === undefined || 'error' in parsed) throw new Error(`not well-formed: ${parsed?.error ?? ''}`);
    // Its departure first (docs/departures.md), then a test case per property.
    expect(parsed.attributes).toMatchObject({ tests: '4', failures: '2', errors: '0', skipped: '1' });
    const cases = parsed.children[0]?.children.filter((element) => element.tag === 'testcase') ?? [];
    expect(cases.map((element) => [element.attributes['classname'], element.attributes['name']])).toEqual([
      ['my <gather> & "co" ]]>\\u0001', 'departure 1: cancel-gather'],
      ['my <gather> & "co" ]]>\\u0001', 'start'],
      ['my <gather> & "co" ]]>\\u0001', 'return-exceptions'],
      ['my <gather> & "co" ]]>\\u0001', 'outer-cancellation'],
    ]);
    expect(cases[0]?.children[0]?.text).toMatch(
      /^my <gather> .*: 1 departure from asyncio\.gather:\n {2}1\. cancel-gather /,
    );
    const failure = cases[3]?.children[0];
    expect(failure?.tag).toBe('failure');
    expect(failure?.attributes['message']).toMatch(/^FAIL {2}R8 outer-cancellation: /);
    expect(failure?.text).toContain('replay the property: npx gather-sim check --subject ./my-gather.mjs');
    expect(result.stdout).toContain(failure?.text.split('\n')[2] ?? 'the scenario line');
  });

  it('refuses a file it cannot write before checking anything, exit 2', async () => {
    const result = await runCli(['check', './my-gather.mjs', '--junit', join(folder, 'missing/check.xml')], folder);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^gather-sim check: --junit: cannot write .*missing\/check\.xml: the folder .*missing does not exist\n$/,
    );
    expect(result.stdout).toBe('');
  });

  it('refuses a folder as the file', async () => {
    const result = await runCli(['check', './my-gather.mjs', '--junit', folder], folder);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`gather-sim check: --junit: ${folder} is a folder, not a file\n`);
  });

  it('from gather-sim merge is the JUnit XML of the unsharded run', async () => {
    const options = ['p-map', '--runs', '40', '--property', 'start,outer-cancellation'];
    const shards: string[] = [];
    for (const index of [1, 2]) {
      const io = fakeIo();
      expect(await checkCommand([...options, '--shard', `${index}/2`, '--json'], io)).toBe(1);
      shards.push(join(folder, `shard-${index}.json`));
      writeFileSync(join(folder, `shard-${index}.json`), io.out());
    }
    const merged = join(folder, 'merged.xml');
    expect(await mergeCommand([...shards, '--junit', merged], fakeIo())).toBe(1);
    const whole = join(folder, 'whole.xml');
    expect(await checkCommand([...options, '--junit', whole], fakeIo())).toBe(1);
    // The test cases of the properties are the unsharded run's; each shard searched its own departures.
    const propertyCases = (file: string): string =>
      readFileSync(file, 'utf8')
        .split(/(?=<testcase )/)
        .filter((part) => part.startsWith('<testcase ') && !part.includes('name="departure '))
        .join('');
    expect(propertyCases(merged)).toBe(propertyCases(whole));
    expect(readFileSync(merged, 'utf8')).toContain('name="departure 1: cancel-gather"');
    expect(readFileSync(whole, 'utf8')).toContain('<testcase classname="p-map" name="outer-cancellation">');
  });
});
