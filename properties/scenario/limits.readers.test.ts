import fc from 'fast-check';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { rawRequestId } from '../../src/cli/rawRequestId.js';
import { readLines } from '../../src/cli/readLines.js';
import { runCommand } from '../../src/cli/runCommand.js';
import { serveCommand } from '../../src/cli/serveCommand.js';
import type { CliIo } from '../../src/cli/CliIo.js';
import { runScenario } from '../../src/executor/runScenario.js';
import { canonicalJson } from '../../src/observation/canonicalJson.js';
import { diffJson } from '../../src/observation/diffJson.js';
import { jsonEqual } from '../../src/observation/jsonEqual.js';
import { validateObservation } from '../../src/observation/validateObservation.js';
import { predict } from '../../src/oracle/predict.js';
import { describeThrown } from '../../src/report/describeThrown.js';
import { escapeControl } from '../../src/report/escapeControl.js';
import { decodeUtf8 } from '../../src/scenario/decodeUtf8.js';
import { checkJsonShape, INPUT_LIMITS } from '../../src/scenario/inputLimits.js';
import { readScenarioFile, scenarioFormOf } from '../../src/scenario/readScenarioFile.js';
import type { Scenario } from '../../src/scenario/Scenario.js';
import { validateScenario } from '../../src/scenario/validateScenario.js';
import reference from '../../src/subjects/reference.js';
import { fakeIo } from '../cli/fakeIo.js';

/** An array nested `depth` levels deep, built without recursion. */
function deepArray(depth: number): unknown[] {
  const root: unknown[] = [];
  let inner = root;
  for (let level = 1; level < depth; level += 1) {
    const next: unknown[] = [];
    inner.push(next);
    inner = next;
  }
  return root;
}

function cyclicScenario(): Scenario {
  const value: Record<string, unknown> = {};
  value['self'] = value;
  return { tasks: [{ sleep: 1, value: value as never }] };
}

describe('limits in the library readers', { timeout: 60_000 }, () => {
  it('validateScenario, runScenario and predict name a cycle in a value as an issue, not a RangeError', async () => {
    expect(validateScenario(cyclicScenario())).toEqual({
      ok: false,
      issues: [{ path: 'tasks[0].value.self', message: 'a cycle: the value contains itself' }],
    });
    expect(() => predict(cyclicScenario())).toThrow(
      /predict: the scenario is invalid: tasks\[0\]\.value\.self: a cycle/,
    );
    await expect(runScenario(cyclicScenario(), reference.gather)).rejects.toThrow(
      /runScenario: the scenario is invalid: tasks\[0\]\.value\.self: a cycle/,
    );
  });

  it('accepts a value shared by two tasks: a repeated reference is not a cycle', () => {
    const shared = { a: [1, 2] };
    expect(
      validateScenario({
        tasks: [
          { sleep: 1, value: shared },
          { sleep: 2, value: shared },
        ],
      }).ok,
    ).toBe(true);
  });

  it('finds depth past the limit in a million-deep value without overflowing the stack', () => {
    const issue = checkJsonShape({ value: deepArray(1_000_000) });
    expect(issue?.message).toContain(`nested ${INPUT_LIMITS.depth + 1} levels deep`);
    expect(validateObservation(deepArray(100_000)).ok).toBe(false);
    expect(checkJsonShape(deepArray(INPUT_LIMITS.depth))).toBeUndefined();
  });

  it('diffs, compares and writes canonically values 100,000 levels deep', () => {
    const left = deepArray(100_000);
    const right = deepArray(100_000);
    expect(jsonEqual(left, right)).toBe(true);
    expect(diffJson(left, right)).toEqual([]);
    expect(canonicalJson(left)).toBe(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(diffJson({ a: left }, { a: 1 })).toEqual(['a: expected (an array too deep to show), observed 1']);
  });

  it('writes canonical JSON as JSON.stringify does, keys sorted, whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        const reversed = JSON.parse(JSON.stringify(value), (_key, item: unknown) =>
          typeof item === 'object' && item !== null && !Array.isArray(item)
            ? Object.fromEntries(Object.entries(item).reverse())
            : item,
        ) as unknown;
        expect(canonicalJson(reversed)).toBe(text);
      }),
    );
  });

  it('counts tasks over the limit as one issue, without validating each of them', () => {
    const tasks = Array.from({ length: INPUT_LIMITS.tasks + 1 }, () => ({ sleep: 1, value: 1 }));
    expect(validateScenario({ tasks })).toEqual({
      ok: false,
      issues: [
        {
          path: 'tasks',
          message: `${INPUT_LIMITS.tasks + 1} tasks (all gathers together) so far: the limit is ${INPUT_LIMITS.tasks} (docs/protocol.md#limits)`,
        },
      ],
    });
  });

  it('lists at most 100 issues and counts the rest', () => {
    const validation = validateScenario({ tasks: Array.from({ length: 500 }, () => ({ sleep: -1, value: 1 })) });
    expect(validation.ok).toBe(false);
    if (!validation.ok) {
      expect(validation.issues).toHaveLength(101);
      expect(validation.issues[100]).toEqual({ path: '', message: 'and 400 more issues' });
    }
  });
});

describe('decoding and the form of a scenario file', { timeout: 60_000 }, () => {
  it('decodes any valid UTF-8, and names the first invalid byte of any other bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.string({ unit: 'binary' }), (bytes, text) => {
        expect(decodeUtf8(Buffer.from(text, 'utf8'))).toEqual({ ok: true, text: text.replace(/^\uFEFF/, '') });
        const decoded = decodeUtf8(bytes);
        if (decoded.ok) return;
        const offset = Number(/at byte offset (\d+)$/.exec(decoded.problem)?.[1]);
        // Everything before the offset is valid; the sequence at it is not.
        expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, offset))).not.toThrow();
        expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(offset, offset + 4))).toThrow();
      }),
    );
  });

  it('gives the same run from standard input in any chunks as from the file, characters split between chunks included', async () => {
    const text = JSON.stringify({ name: 'ünïcödé ✓ 😀', tasks: [{ sleep: 1, value: '€😀ß' }] });
    const bytes = Buffer.from(text, 'utf8');
    const whole = fakeIo(text);
    expect(await runCommand(['-', '--json'], whole)).toBe(0);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 8 }),
        async (cuts) => {
          const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
          const chunks = points.slice(1).map((end, index) => bytes.subarray(points[index], end));
          const io = { ...fakeIo(), stdin: Readable.from(chunks) as CliIo['stdin'] };
          const chunked = fakeIo();
          expect(await runCommand(['-', '--json'], { ...chunked, stdin: io.stdin })).toBe(0);
          expect(chunked.out()).toBe(whole.out());
          expect(chunked.out()).toContain('€😀ß');
        },
      ),
      { numRuns: 30 },
    );
  });

  it('decides JSON or the text form by the first character, and a top-level array or null is JSON', () => {
    expect(['{}', ' [1]', 'null', '"x"', '-1', '7', '\uFEFF{"tasks": []}'].map(scenarioFormOf)).toEqual(
      Array(7).fill('json'),
    );
    expect(['task 0: hang', '# c\nno tasks', 'nullx', 'name "n"'].map(scenarioFormOf)).toEqual(Array(4).fill('text'));
    expect(readScenarioFile('null')).toEqual({
      ok: false,
      issues: [{ path: '', message: 'a scenario is a JSON object {"tasks": [...], ...}, got null' }],
    });
    expect(readScenarioFile('\uFEFFno tasks\n').ok).toBe(true);
  });
});

describe('gather-sim serve as a well-behaved server', { timeout: 60_000 }, () => {
  it('splits lines on \\n only, whatever the chunks, and drops the \\r of CRLF', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: fc.constantFrom('a', '\r', 'é', '😀') }), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        async (lines, cuts) => {
          const bytes = Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8');
          const points = [...new Set([0, ...cuts.map((cut) => cut % (bytes.length + 1)), bytes.length])].sort(
            (a, b) => a - b,
          );
          const chunks = points.slice(1).map((end, index) => bytes.subarray(points[index], end));
          const read: string[] = [];
          for await (const line of readLines(Readable.from(chunks), 1000))
            if ('bytes' in line) read.push(line.bytes.toString('utf8'));
          expect(read).toEqual(lines.map((line) => line.replace(/\r$/, '')));
        },
      ),
    );
  });

  it('finds the raw id of any request, digits past 2^53 included, and not an id nested in the scenario', () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.jsonValue(), fc.boolean(), (id, other, idFirst) => {
        const inner = JSON.stringify({ id: 5, other });
        const line = idFirst ? `{ "id" : ${id} , "x": ${inner}}` : `{"x":${inner},"id":${id}}`;
        expect(rawRequestId(line)).toBe(String(id));
      }),
    );
    expect(rawRequestId('{"scenario": {"id": 3}}')).toBeUndefined();
  });

  it('stops reading requests while its answers are not drained (backpressure)', async () => {
    const total = 200;
    let pulled = 0;
    /** One request per chunk, counted as the server pulls them. */
    function* requests(): Generator<string> {
      for (let id = 0; id < total; id += 1) {
        pulled += 1;
        yield `{"id": ${id}, "scenario": {"tasks": []}}\n`;
      }
    }
    let written = 0;
    let unread: (() => void) | undefined;
    let wroteWhileFull = false;
    let wrote: (() => void) | undefined;
    const stdout = new Writable({
      highWaterMark: 1,
      write(_chunk, _encoding, done) {
        if (unread !== undefined) wroteWhileFull = true;
        written += 1;
        unread = done; // nobody reads the answer until the test does
        wrote?.();
      },
    });
    const serving = serveCommand([], { ...fakeIo(), stdin: Readable.from(requests()) as CliIo['stdin'], stdout });
    let mostAhead = 0;
    while (written < total + 1) {
      if (unread === undefined) await new Promise<void>((resolve) => (wrote = resolve));
      mostAhead = Math.max(mostAhead, pulled - written);
      const read = unread;
      unread = undefined;
      read?.();
    }
    expect(await serving).toBe(0);
    expect(written).toBe(total + 1); // the hello and every answer
    expect(wroteWhileFull).toBe(false); // never an answer while the last one was unread
    expect(mostAhead).toBeLessThanOrEqual(20); // requests read ahead of answers: a stream buffer, not the whole input
  });
});

describe('safe output', { timeout: 60_000 }, () => {
  it('escapes every control character visibly, and leaves other text as it was', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const escaped = escapeControl(text);
        expect(escaped).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/); // eslint-disable-line no-control-regex
        expect(JSON.parse(`"${escaped.replace(/"/g, '\\"')}"`.replace(/\\(?!u[0-9a-f]{4})/g, '\\\\'))).toBe(
          text.replace(/\\/g, '\\'),
        );
      }),
    );
    expect(escapeControl('a\u001b[2Jb')).toBe('a\\u001b[2Jb');
  });

  it('describes any thrown value without throwing', () => {
    const badName = {};
    Object.defineProperty(badName, 'name', {
      get() {
        throw new Error('no');
      },
    });
    expect(describeThrown(Object.create(null))).toBe('a thrown object {}');
    expect(describeThrown(badName)).toBe('a thrown object {}');
    expect(describeThrown(new TypeError('boom'))).toBe('TypeError: boom');
    expect(describeThrown(undefined)).toBe('a thrown undefined');
    expect(describeThrown(10n)).toBe('a thrown bigint 10');
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withNullPrototype: true }),
        (value) => typeof describeThrown(value) === 'string',
      ),
    );
  });
});
