import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { INPUT_LIMITS } from '../../src/scenario/inputLimits.js';

const bin = join(fileURLToPath(new URL('../../', import.meta.url)), 'dist/src/cli/main.js');

/** Runs the built CLI with `input` (text or bytes) on stdin; its exit code and output. */
function cli(
  args: readonly string[],
  input: string | Buffer = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('node', [bin, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'gather-sim-readers-'));
}

function file(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function nested(depth: number, leaf = '1'): string {
  return `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`;
}

const deepScenario = `{"tasks": [{"sleep": 1, "value": ${nested(2000)}}]}`;
const okScenario = '{"tasks": [{"sleep": 5, "value": 1}]}';

describe('the readers of the built CLI and their limits', { timeout: 60_000 }, () => {
  it('refuses a 4 KB file of 2,000 nested arrays with exit 2, naming the limit, the path and the depth', async () => {
    const path = file(folder(), 'deep.json', deepScenario);
    for (const command of ['run', 'convert']) {
      const result = await cli([command, path]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('deep.json is not a valid scenario file');
      expect(result.stderr).toMatch(/tasks\[0\]\.value\[0\].*: nested 257 levels deep: the limit is 256 levels/);
      expect(result.stderr).not.toContain('Maximum call stack');
    }
  });

  it('goes on with the next file of a folder after a too-deep one, and prints the summary', async () => {
    const dir = folder();
    file(dir, 'a-deep.json', deepScenario);
    file(dir, 'b-ok.json', okScenario);
    const result = await cli(['run', dir]);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/INVALID +.*a-deep\.json is not a valid scenario file/);
    expect(result.stdout).toMatch(/ran +.*b-ok\.json/);
    expect(result.stdout).toContain('2 scenarios: 0 matched, 0 mismatched, 1 without "expect", 0 n/a, 1 invalid');
  });

  it('refuses a deep expect before any diff runs', async () => {
    const deepExpect = `{"tasks": [{"sleep": 1, "value": 1}], "expect": {"gather": {"at": 1, "value": [{"value": ${nested(3000)}}]}, "tasks": [], "unhandled": []}}`;
    const result = await cli(['run', file(folder(), 'expect.json', deepExpect)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/expect\.gather\.value\[0\]\.value.*nested 257 levels deep/);
  });

  it('refuses a text-form line with a too-deep value, naming the line', async () => {
    const text = `name "deep"\ntask 0: sleep 1 value ${nested(300)}\n`;
    const result = await cli(['run', file(folder(), 'deep.gsim', text)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('line 2: the value at [0][0]');
    expect(result.stderr).toContain('nested 257 levels deep');
  });

  it('refuses a text-form line longer than the line limit, naming the line and its length', async () => {
    const long = `task 0: sleep 1 value "${'x'.repeat(INPUT_LIMITS.textLine)}"`;
    const result = await cli(['convert', file(folder(), 'long.gsim', `name "x"\n${long}\n`)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `line 2: ${long.length} characters: the limit is ${INPUT_LIMITS.textLine} characters a line`,
    );
  });

  it('refuses more args than the limit at once, with exit 2 naming the count', async () => {
    const args = Array<number>(INPUT_LIMITS.args + 1).fill(0);
    const result = await cli(['run', '-'], JSON.stringify({ tasks: [{ sleep: 1, value: 1 }], args }));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `args: ${INPUT_LIMITS.args + 1} entries of "args" (all gathers together) so far: the limit is ${INPUT_LIMITS.args}`,
    );
  });

  it('refuses a file over the size limit before reading it (5 million args, 25 MB)', async () => {
    const path = file(
      folder(),
      'huge.json',
      `{"tasks": [{"sleep": 1, "value": 1}], "args": [${'0,   '.repeat(5_000_000)}0]}`,
    );
    const result = await cli(['run', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/huge\.json: \d+ bytes: the limit is 16777216 bytes/);
  });

  it('refuses standard input over the size limit', async () => {
    const result = await cli(['convert', '-'], Buffer.alloc(INPUT_LIMITS.bytes + 10, 0x20));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('standard input: more than 16777216 bytes: the limit is 16777216 bytes');
  });
});

describe('decoding and the form of a file in the built CLI', { timeout: 60_000 }, () => {
  it('accepts a file that starts with a byte-order mark', async () => {
    const path = file(folder(), 'bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(okScenario)]));
    const result = await cli(['run', path, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ gather: { at: 5, value: [{ value: 1 }] } });
  });

  it('refuses invalid UTF-8 on standard input, naming the byte offset', async () => {
    const bytes = Buffer.concat([Buffer.from('{"tasks": ['), Buffer.from([0xc3, 0x28]), Buffer.from(']}')]);
    const result = await cli(['run', '-'], bytes);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('standard input: not valid UTF-8: byte 0xc3 at byte offset 11');
  });

  it('reads a top-level array or null on standard input as JSON that is not a scenario, not as the text form', async () => {
    const results = await Promise.all(['[1, 2]', 'null', ' \n[]'].map((input) => cli(['run', '-'], input)));
    for (const result of results) {
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('a scenario is a JSON object');
    }
  });

  it('reads a .json file as JSON even when it does not start with "{"', async () => {
    const result = await cli(['run', file(folder(), 'typo.json', 'tasks: []')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not valid JSON');
  });
});

describe('gather-sim serve with hostile lines (built CLI)', { timeout: 60_000 }, () => {
  function answers(stdout: string): Record<string, unknown>[] {
    return stdout
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it('answers a 5,000-deep request with an error and goes on with the next request', async () => {
    const deep = `{"id": 7, "scenario": {"tasks": [{"sleep": 1, "value": ${nested(5000)}}]}}`;
    const result = await cli(['serve'], `${deep}\n{"id": 8, "scenario": ${okScenario}}\n`);
    expect(result.code).toBe(0);
    const [first, second] = answers(result.stdout);
    expect(first).toMatchObject({ id: 7, error: expect.stringContaining('nested 257 levels deep') as unknown });
    expect(second).toMatchObject({ id: 8, observation: { gather: { at: 5 } } });
  });

  it('returns ids above 2^53 exactly as written', async () => {
    const result = await cli(
      ['serve'],
      `{"id": 18446744073709551617, "scenario": ${okScenario}}\n{"id":-9007199254740993,"scenario":{"tasks":"x"}}\n`,
    );
    const lines = result.stdout.trimEnd().split('\n').slice(1);
    expect(lines[0]).toMatch(/^\{"id":18446744073709551617,"observation":/);
    expect(lines[1]).toMatch(/^\{"id":-9007199254740993,"error":"scenario\.tasks: expected an array of tasks/);
  });

  it('gives one error answer for a raw CR inside a JSON string, and reads CRLF line ends', async () => {
    const result = await cli(
      ['serve'],
      `{"id": 1, "scenario": {"tasks": [{"sleep": 1, "value": "a\rb"}]}}\r\n{"id": 2, "scenario": ${okScenario}}\r\n`,
    );
    const all = answers(result.stdout);
    expect(all).toHaveLength(2);
    expect(all[0]).toMatchObject({
      id: null,
      error: expect.stringContaining('not a JSON line: Bad control character') as unknown,
    });
    expect(all[1]).toMatchObject({ id: 2, observation: { gather: { at: 5 } } });
  });

  it('refuses a line over the length limit with an error answer, not "Invalid string length", and goes on', async () => {
    const long = Buffer.alloc(INPUT_LIMITS.bytes + 1024 * 1024, 0x61);
    const result = await cli(['serve'], Buffer.concat([long, Buffer.from(`\n{"id": 3, "scenario": ${okScenario}}\n`)]));
    expect(result.code).toBe(0);
    const all = answers(result.stdout);
    expect(all[0]).toEqual({
      id: null,
      error: 'line 1: longer than the limit of 16777216 bytes a line (docs/protocol.md#limits)',
    });
    expect(all[1]).toMatchObject({ id: 3, observation: { gather: { at: 5 } } });
  });

  it('reports a subject that throws an object without a prototype, or leaks a rejection whose name getter throws', async () => {
    const dir = folder();
    const nullThrow = file(
      dir,
      'null.mjs',
      "export default { name: 'null-throw', gather: () => { throw Object.create(null); } };",
    );
    const badName = file(
      dir,
      'bad-name.mjs',
      `export default { name: 'bad-name', gather: async (children) => {
        const reason = {};
        Object.defineProperty(reason, 'name', { get() { throw new Error('no name'); } });
        Promise.reject(reason);
        return Promise.all(children.map((child) => child()));
      } };`,
    );
    const served = await Promise.all(
      [nullThrow, badName].map((subject) =>
        cli(
          ['serve', '--subject', subject],
          `{"id": 1, "scenario": ${okScenario}}\n{"id": 2, "scenario": ${okScenario}}\n`,
        ),
      ),
    );
    for (const result of served) {
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(answers(result.stdout).map((answer) => answer['id'])).toEqual([1, 2]);
    }
    const run = await cli(['run', file(dir, 'ok.json', okScenario), '--subject', nullThrow]);
    expect(run.stdout).toContain(
      'problem: gather: the gather threw synchronously instead of returning a promise (a thrown object {})',
    );
    expect(run.stdout + run.stderr).not.toMatch(/Cannot convert object to primitive value|TypeError/);
  });
});

describe('safe output and options of the built CLI', { timeout: 60_000 }, () => {
  it('escapes control characters of a name and description instead of printing them raw', async () => {
    const scenario = {
      name: 'clear\u001b[2Jscreen',
      description: 'bell\u0007 csi\u009b',
      tasks: [{ sleep: 1, value: 'v\u001b[31m' }],
    };
    const result = await cli(['run', file(folder(), 'esc.json', JSON.stringify(scenario))]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/[\u0007\u001b\u009b]/); // eslint-disable-line no-control-regex -- the raw controls must not be there
    expect(result.stdout).toContain('clear\\u001b[2Jscreen: bell\\u0007 csi\\u009b');
  });

  it('shows an object-valued error answer of an external subject as JSON, not [object Object]', async () => {
    const driver = file(
      folder(),
      'driver.mjs',
      `import readline from 'node:readline';
      console.log(JSON.stringify({ protocol: 'gather-sim/1', name: 'object-error' }));
      for await (const line of readline.createInterface({ input: process.stdin })) {
        console.log(JSON.stringify({ id: JSON.parse(line).id, error: { why: 'no' } }));
      }`,
    );
    const result = await cli(['run', file(folder(), 'ok.json', okScenario), '--external', `node ${driver}`]);
    expect(result.stdout).toContain(
      'the subject could not run the scenario: (an error answer that is not a string) {"why":"no"}',
    );
    expect(result.stdout).not.toContain('[object Object]');
  });

  it("refuses --seed '' and other malformed numbers with exit 2, naming the option", async () => {
    const ok = file(folder(), 'ok.json', okScenario);
    const cases = [
      [['run', ok, '--ties', 'shuffle', '--seed', ''], 'gather-sim run: --seed: expected an integer, got ""'],
      [['run', ok, '--ties', 'shuffle', '--seed', '1e3'], 'gather-sim run: --seed: expected an integer, got "1e3"'],
      [['check', '--seed', ''], 'gather-sim check: --seed: expected an integer, got ""'],
      [['check', '--runs', '2.5'], 'gather-sim check: --runs: expected a positive integer, got "2.5"'],
      [
        ['check', '--timeout', '99999999999'],
        'gather-sim check: --timeout: expected a whole number of ms from 1 to 2147483647',
      ],
    ] as const;
    const results = await Promise.all(cases.map(([args]) => cli(args)));
    results.forEach((result, index) => {
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(cases[index]?.[1]);
    });
  });

  it("refuses check --external '' with exit 2 and no stack trace", async () => {
    const result = await cli(['check', '--external', '']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('gather-sim check: expected a command to run (--external CMD), got an empty string\n');
  });

  it('refuses an --html path that cannot be written before the check starts', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'taken'));
    for (const [html, message] of [
      [join(dir, 'missing', 'report.html'), 'the folder'],
      [join(dir, 'taken'), 'is a folder, not a file'],
    ] as const) {
      const result = await cli(['check', '--html', html]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toContain('check [');
    }
  });
});
