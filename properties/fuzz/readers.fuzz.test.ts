import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/CliIo.js';
import { checkCommand } from '../../src/cli/checkCommand.js';
import { convertCommand } from '../../src/cli/convertCommand.js';
import { runCommand } from '../../src/cli/runCommand.js';
import { serveCommand } from '../../src/cli/serveCommand.js';
import { runScenario } from '../../src/executor/runScenario.js';
import { predict } from '../../src/oracle/predict.js';
import { scenarioArbitrary } from '../../src/properties/arbitraries.js';
import { formatScenarioText } from '../../src/scenario/formatScenarioText.js';
import { validateScenario } from '../../src/scenario/validateScenario.js';
import reference from '../../src/subjects/reference.js';
import { fakeIo } from '../cli/fakeIo.js';
import { SUITE_SEED } from '../seed.js';

/**
 * The fuzz test of issue 14: hostile scenario files, text-form files, protocol lines,
 * options and library values. Each input must end (no hang: fast-check's timeout), without
 * a crash, with exit 2 and a message naming a place when it is bad, and with no raw
 * control character in what reaches a terminal. Prints how many inputs it tried.
 */

const bin = join(fileURLToPath(new URL('../../', import.meta.url)), 'dist/src/cli/main.js');
const FUZZ = { seed: SUITE_SEED, timeout: 10_000 } as const;
let tried = 0;

/** Small valid scenarios: the material hostile input is made of (few tasks, so the oracle stays quick). */
const small = scenarioArbitrary({ maxTasks: 3, maxDepth: 1 });

/** Pieces that break readers: structure, huge and fractional numbers, controls, a raw CR, a BOM. */
const poison = fc.constantFrom(
  '{',
  '}',
  '[',
  ']',
  '"',
  ',',
  ':',
  '\\',
  '\u0000',
  '\u001b[2J',
  '\r',
  '\n',
  '\t',
  '\u009b',
  '\uFEFF',
  'é',
  '😀',
  '1e400',
  '-0',
  '1.5',
  '123456789012345678901234567890',
  'NaN',
  'null',
  'true',
  '"tasks"',
  '"sleep": -1',
  '"value": ',
  '"expect": {}',
  '"name": "\\u001b[2J"',
  'task 0: sleep 1 value ',
  'on-cancel cleanup 1e3',
);

/** Text with one to four edits: a piece inserted, or a span deleted. */
function mutated(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 6 }), insert: fc.option(poison, { nil: '' }) });
  return fc.tuple(text, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([start, edits]) =>
    edits.reduce((acc, { at, remove, insert }) => {
      const position = at % (acc.length + 1);
      return acc.slice(0, position) + insert + acc.slice(position + remove);
    }, start),
  );
}

/** Values nested hundreds to thousands of levels deep, as text. */
const deep = fc
  .integer({ min: 200, max: 6000 })
  .chain((depth) =>
    fc.constantFrom(`${'['.repeat(depth)}${']'.repeat(depth)}`, `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  );

const jsonFile = fc.oneof(
  mutated(small.map((scenario) => JSON.stringify(scenario))),
  deep.map((value) => `{"tasks": [{"sleep": 1, "value": ${value}}]}`),
  deep.map((value) => `{"tasks": [], "expect": ${value}}`),
  fc.constantFrom('[]', 'null', '7', '"x"', '', '   ', '{"tasks": [{"sleep": 1.5, "value": 1e400}]}'),
);

const textFile = mutated(small.map((scenario) => formatScenarioText({ scenario })));

/** Bytes: text, maybe with a byte-order mark or invalid UTF-8 inserted. */
function bytesOf(text: fc.Arbitrary<string>): fc.Arbitrary<Buffer> {
  return fc
    .tuple(
      text,
      fc.option(fc.constantFrom([0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80]), { nil: undefined }),
      fc.nat(),
      fc.boolean(),
    )
    .map(([body, bad, at, bom]) => {
      const bytes = Buffer.from(body, 'utf8');
      const position = at % (bytes.length + 1);
      const inserted =
        bad === undefined
          ? bytes
          : Buffer.concat([bytes.subarray(0, position), Buffer.from(bad), bytes.subarray(position)]);
      return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), inserted]) : inserted;
    });
}

/** Standard input in arbitrary chunks. */
function chunked(bytes: Buffer, cuts: readonly number[]): CliIo['stdin'] {
  const points = [...new Set([0, ...cuts.map((cut) => cut % (bytes.length + 1)), bytes.length])].sort((a, b) => a - b);
  return Readable.from(points.slice(1).map((end, index) => bytes.subarray(points[index], end))) as CliIo['stdin'];
}

// eslint-disable-next-line no-control-regex -- what must never reach a terminal raw
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const CRASH = /RangeError|Maximum call stack|TypeError|\[object Object\]|Invalid string length|\n\s+at .*:\d+:\d+/;
/**
 * A place in a message: the file's size or a byte offset, or an issue line (after "is not a
 * valid scenario file:") that starts with a line of the text form, a JSON path or "(scenario)".
 */
const PLACE =
  /(byte offset \d+|\d+ bytes|valid scenario file:\n(line \d+|\(scenario\)|[^.[\n]+?(\[\d+\]|\.[^.[\n]+?|\.\.\.)*): )/;

function expectCleanEnd(code: number, io: { out: () => string; err: () => string }): void {
  expect([0, 1, 2]).toContain(code);
  expect(io.out() + io.err()).not.toMatch(CRASH);
  expect(io.out() + io.err()).not.toMatch(RAW_CONTROL);
  if (code === 2) {
    expect(io.err()).toContain('standard input');
    expect(io.err()).toMatch(PLACE);
  }
}

describe('fuzz: hostile input to every reader', { timeout: 120_000 }, () => {
  afterAll(() => {
    console.log(`fuzz: ${tried} inputs tried`);
  });

  it('run - and convert - end with a verdict or exit 2 naming a place, for any JSON or text-form bytes in any chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        bytesOf(fc.oneof(jsonFile, textFile)),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.constantFrom(['run', '-'], ['run', '-', '--json'], ['convert', '-']),
        async (bytes, cuts, args) => {
          tried += 1;
          const io = { ...fakeIo(), stdin: chunked(bytes, cuts) };
          const base = fakeIo();
          const run = { ...base, stdin: io.stdin };
          const code = await (args[0] === 'run' ? runCommand(args.slice(1), run) : convertCommand(args.slice(1), run));
          expectCleanEnd(code, base);
        },
      ),
      { ...FUZZ, numRuns: 1000 },
    );
  });

  it('serve answers every hostile line, each with an error naming what is wrong, and goes on', async () => {
    const request = fc.oneof(
      jsonFile.map((scenario) => `{"id": 1, "scenario": ${scenario}}`),
      mutated(small.map((scenario) => JSON.stringify({ id: 2, scenario }))),
      fc.constantFrom(
        '{"id": 1.5, "scenario": {"tasks": []}}',
        '{"id": 99999999999999999999999, "scenario": {"tasks": [}',
        '{"id": "x"}',
        '[]',
        'null',
      ),
    );
    await fc.assert(
      fc.asyncProperty(bytesOf(request), fc.array(fc.nat(), { maxLength: 4 }), async (line, cuts) => {
        tried += 1;
        // The hostile line, then a valid request: it must be answered whatever came before.
        const input = Buffer.concat([
          line.filter((byte) => byte !== 0x0a),
          Buffer.from('\n{"id": 42, "scenario": {"tasks": [{"sleep": 1, "value": 1}]}}\n'),
        ]);
        const io = fakeIo();
        expect(await serveCommand([], { ...io, stdin: chunked(input, cuts) })).toBe(0);
        const answers = io
          .out()
          .trimEnd()
          .split('\n')
          .slice(1)
          .map((text) => JSON.parse(text) as { id: unknown; error?: string; observation?: unknown });
        const last = answers.pop();
        expect(last).toMatchObject({ id: 42, observation: { gather: { at: 1 } } });
        expect(answers.length).toBeLessThanOrEqual(1); // one answer per line, or none for a blank one
        for (const answer of answers) {
          if (answer.error === undefined) continue;
          expect(answer.error).not.toMatch(CRASH);
          expect(answer.error).toMatch(
            /^(not a JSON line|the line is not valid UTF-8|"id"|expected a request|unknown key|scenario[.:[]|line \d+|[\w.[\]]+: nested)/,
          );
        }
      }),
      { ...FUZZ, numRuns: 600 },
    );
  });

  it('options of run, convert and check: any text gives exit 2 with the option named, or is used', async () => {
    const value = fc.oneof(
      fc.constantFrom(
        '',
        ' ',
        '-1',
        '0',
        '1.5',
        '1e3',
        '0x10',
        '9007199254740993',
        'NaN',
        '\u001b[2J',
        '2,0,1',
        ',',
        'text',
        'json',
      ),
      fc.string({ maxLength: 8 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('seed', 'tie-order', 'ties', 'to', 'runs', 'timeout', 'shard'),
        value,
        async (option, text) => {
          tried += 1;
          const io = fakeIo('{"tasks": [{"sleep": 1, "value": 1}]}');
          let code: number;
          if (option === 'to') code = await convertCommand(['-', '--to', text], io);
          else if (['runs', 'timeout', 'shard'].includes(option))
            // An unknown property keeps a valid option from starting a whole check.
            code = await checkCommand([`--${option}`, text, '--property', 'no-such-property'], io);
          else
            code = await runCommand(
              ['-', '--json', ...(option === 'seed' ? ['--ties', 'shuffle'] : []), `--${option}`, text],
              io,
            );
          expect([0, 2]).toContain(code);
          expect(io.out() + io.err()).not.toMatch(CRASH);
          if (code === 2) expect(io.err()).toMatch(/--[a-z-]+/);
        },
      ),
      { ...FUZZ, numRuns: 300 },
    );
  });

  it('validateScenario, predict and runScenario give an issue for cyclic and deep values, never a RangeError', async () => {
    await fc.assert(
      fc.asyncProperty(small, fc.nat(), fc.boolean(), async (scenario, pick, cyclic) => {
        tried += 1;
        const copy = JSON.parse(JSON.stringify(scenario)) as { tasks: Record<string, unknown>[] };
        const task = copy.tasks[pick % Math.max(1, copy.tasks.length)] ?? {};
        if (copy.tasks.length === 0) copy.tasks.push(task);
        const value: Record<string, unknown> = {};
        if (cyclic) value['loop'] = [value];
        else {
          let inner = value;
          for (let level = 0; level < 5000; level += 1) {
            const next: Record<string, unknown> = {};
            inner['a'] = next;
            inner = next;
          }
        }
        const { hang: _hang, gather: _gather, error: _error, ...rest } = task;
        copy.tasks[copy.tasks.indexOf(task)] = { ...rest, sleep: 1, value };
        const validation = validateScenario(copy);
        expect(validation.ok).toBe(false);
        if (!validation.ok) expect(validation.issues[0]?.message).toMatch(cyclic ? /a cycle/ : /levels deep/);
        expect(() => predict(copy as never)).toThrow(/predict: the scenario is invalid: tasks\[\d+\]\.value/);
        await expect(runScenario(copy as never, reference.gather)).rejects.toThrow(
          /runScenario: the scenario is invalid/,
        );
      }),
      { ...FUZZ, numRuns: 200 },
    );
  });

  it('the built CLI gives exit 2 with a place for a few hostile inputs drawn the same way', async () => {
    const inputs = fc.sample(bytesOf(jsonFile), { seed: SUITE_SEED, numRuns: 4 });
    const results = await Promise.all(
      inputs.map(
        (bytes) =>
          new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
            const child = spawn('node', [bin, 'run', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
            let out = '';
            let err = '';
            child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
            child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
            child.stdin.on('error', () => undefined);
            child.stdin.end(bytes);
            child.on('close', (code) => resolve({ code, out, err }));
          }),
      ),
    );
    tried += results.length;
    for (const result of results) {
      expectCleanEnd(result.code ?? -1, { out: () => result.out, err: () => result.err });
    }
  });
});
