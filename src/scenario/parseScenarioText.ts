import { checkJsonShape, INPUT_LIMITS } from './inputLimits.js';
import type { ScenarioIssue } from './validateScenario.js';

/**
 * The grammar of gather-sim's text form of a scenario file, in brief, with an example: what
 * `parseScenarioText` reads and `formatScenarioText` prints (`gather-sim convert --help`
 * shows it).
 */
export const SCENARIO_TEXT_GRAMMAR = `The text form, one line per fact, a nested gather's lines indented two spaces below it:

  name "tutorial program 3"
  return-exceptions
  task 0: sleep 1000 value 100
  task 1: sleep 2000 value 200 on-cancel cleanup 300
  task 2: sleep 1000 error APIError "API failed"
  task 3: gather
    task 0: hang on-cancel ignore
  cancel gather at 1500
  cancel task 2 at 700

A task is "sleep MS value JSON", "sleep MS error NAME "MESSAGE"", "hang" or "gather",
then maybe "on-cancel raise|ignore|cleanup MS [error NAME "MESSAGE"]". A gather may say
"return-exceptions [true|false]", "args I J ..." and "no tasks"; the scenario "name",
"description" and "expect" (JSON). Lines starting with # are comments.`;

/** The text form read into the JSON shape of a scenario file, still to be validated; or where it is malformed. */
export type ScenarioTextReading =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

class TextError extends Error {
  constructor(
    message: string,
    /** The line it is about, when not the line being read. */
    readonly line?: number,
  ) {
    super(message);
  }
}

/** A cursor over one line's words and JSON values. */
class LineReader {
  private position = 0;

  constructor(private readonly text: string) {}

  private skipSpaces(): void {
    while (this.text[this.position] === ' ') this.position += 1;
  }

  atEnd(): boolean {
    this.skipSpaces();
    return this.position >= this.text.length;
  }

  /** The next word, or '' at the end of the line. */
  word(): string {
    this.skipSpaces();
    const start = this.position;
    while (this.position < this.text.length && this.text[this.position] !== ' ') this.position += 1;
    return this.text.slice(start, this.position);
  }

  peek(): string {
    const saved = this.position;
    const word = this.word();
    this.position = saved;
    return word;
  }

  expect(word: string, after: string): void {
    const found = this.word();
    if (found !== word)
      throw new TextError(`expected "${word}" ${after}, got ${found === '' ? 'the end of the line' : `"${found}"`}`);
  }

  /** A whole number (of ms, or an index). */
  integer(what: string): number {
    const found = this.word();
    if (!/^\d+$/.test(found))
      throw new TextError(
        `expected ${what} (a whole number), got ${found === '' ? 'the end of the line' : `"${found}"`}`,
      );
    return Number(found);
  }

  /** One JSON value: a string, an array or object (spaces inside allowed), or a bare literal. */
  json(what: string): unknown {
    this.skipSpaces();
    const { text } = this;
    const start = this.position;
    let index = start;
    let depth = 0;
    let inString = false;
    for (; index < text.length; index += 1) {
      const char = text[index];
      if (inString) {
        if (char === '\\') index += 1;
        else if (char === '"') {
          inString = false;
          if (depth === 0) break;
        }
      } else if (char === '"') inString = true;
      else if (char === '{' || char === '[') depth += 1;
      else if (char === '}' || char === ']') {
        depth -= 1;
        if (depth <= 0) break;
      } else if (char === ' ' && depth === 0) {
        index -= 1;
        break;
      }
    }
    this.position = Math.min(index + 1, text.length);
    const source = text.slice(start, this.position);
    if (source === '') throw new TextError(`expected ${what} (JSON), got the end of the line`);
    let value: unknown;
    try {
      value = JSON.parse(source) as unknown;
    } catch {
      throw new TextError(`expected ${what} (JSON), got ${source.length > 40 ? `${source.slice(0, 37)}...` : source}`);
    }
    const shape = checkJsonShape(value);
    if (shape !== undefined)
      throw new TextError(`${what}${shape.path === '' ? '' : ` at ${shape.path}`}: ${shape.message}`);
    return value;
  }

  /** An error spec: a name, then its message as a JSON string. */
  error(): { name: string; message: unknown } {
    const name = this.word();
    if (name === '') throw new TextError('expected an error name, got the end of the line');
    return { name, message: this.json('the error message') };
  }

  end(): void {
    if (!this.atEnd()) throw new TextError(`unexpected "${this.text.slice(this.position)}" at the end of the line`);
  }
}

/** A gather being read: its object, and the indentation of its lines. */
interface Level {
  readonly depth: number;
  readonly gather: Record<string, unknown> & { tasks: unknown[] };
  empty: boolean;
}

function readTask(reader: LineReader): Record<string, unknown> | 'gather' {
  const kind = reader.word();
  let task: Record<string, unknown>;
  if (kind === 'gather') {
    reader.end();
    return 'gather';
  }
  if (kind === 'hang') task = { hang: true };
  else if (kind === 'sleep') {
    const sleep = reader.integer('the sleep in ms');
    const outcome = reader.word();
    if (outcome === 'value') task = { sleep, value: reader.json('the value') };
    else if (outcome === 'error') task = { sleep, error: reader.error() };
    else
      throw new TextError(
        `expected "value" or "error" after the sleep, got ${outcome === '' ? 'the end of the line' : `"${outcome}"`}`,
      );
  } else
    throw new TextError(
      `expected "sleep", "hang" or "gather", got ${kind === '' ? 'the end of the line' : `"${kind}"`}`,
    );
  if (!reader.atEnd()) {
    reader.expect('on-cancel', 'after the task');
    const reaction = reader.word();
    if (reaction === 'raise' || reaction === 'ignore') task['onCancel'] = reaction;
    else if (reaction === 'cleanup') {
      const cleanup = reader.integer('the cleanup in ms');
      if (reader.atEnd()) task['onCancel'] = { cleanup };
      else {
        reader.expect('error', 'after the cleanup');
        task['onCancel'] = { cleanup, error: reader.error() };
      }
    } else
      throw new TextError(
        `expected "raise", "ignore" or "cleanup" after on-cancel, got ${reaction === '' ? 'the end of the line' : `"${reaction}"`}`,
      );
  }
  reader.end();
  return task;
}

/** Reads one line into the gather at the top of `levels` (or the file, for the top-only keys). */
function readLine(reader: LineReader, levels: Level[], file: Record<string, unknown>): void {
  const level = levels[levels.length - 1] as Level;
  const top = levels.length === 1;
  const keyword = reader.word();
  const topOnly = (): void => {
    if (!top) throw new TextError(`"${keyword}" belongs to the scenario, not to a nested gather: unindent it`);
  };
  switch (keyword) {
    case 'name':
    case 'description':
    case 'expect':
      topOnly();
      if (keyword in file) throw new TextError(`a second "${keyword}"`);
      file[keyword] = reader.json(`the ${keyword}`);
      break;
    case 'return-exceptions': {
      const flag = reader.atEnd() ? 'true' : reader.word();
      if (flag !== 'true' && flag !== 'false')
        throw new TextError(`expected true, false or nothing after return-exceptions, got "${flag}"`);
      level.gather['returnExceptions'] = flag === 'true';
      break;
    }
    case 'args': {
      const args: number[] = [];
      while (!reader.atEnd()) args.push(reader.integer('a task index'));
      level.gather['args'] = args;
      break;
    }
    case 'no':
      reader.expect('tasks', 'after "no"');
      level.empty = true;
      break;
    case 'task': {
      const label = reader.word();
      const expected = `${level.gather.tasks.length}:`;
      if (label !== expected)
        throw new TextError(`expected "task ${expected}" (tasks are numbered in order from 0), got "task ${label}"`);
      const task = readTask(reader);
      if (task === 'gather') {
        const nested = { tasks: [] as unknown[] };
        level.gather.tasks.push({ gather: nested });
        levels.push({ depth: level.depth + 1, gather: nested, empty: false });
      } else level.gather.tasks.push(task);
      return;
    }
    case 'cancel': {
      topOnly();
      const what = reader.word();
      if (what === 'gather') {
        reader.expect('at', 'after "cancel gather"');
        file['cancelGatherAt'] = reader.integer('the cancel time in ms');
      } else if (what === 'task') {
        const task = reader.integer('the index of the task to cancel');
        reader.expect('at', `after "cancel task ${task}"`);
        file['cancelTasks'] = [
          ...((file['cancelTasks'] as unknown[] | undefined) ?? []),
          { task, at: reader.integer('the cancel time in ms') },
        ];
      } else throw new TextError(`expected "cancel gather at MS" or "cancel task N at MS", got "cancel ${what}"`);
      break;
    }
    default:
      throw new TextError(
        `unknown line "${keyword}": expected name, description, return-exceptions, args, task N:, no tasks, cancel or expect`,
      );
  }
  reader.end();
}

function checkTasks(level: Level, line: number): void {
  if (level.empty && level.gather.tasks.length > 0) throw new TextError('"no tasks" in a gather that has tasks', line);
  if (!level.empty && level.gather.tasks.length === 0)
    throw new TextError('a gather without "task 0:" lines: write "no tasks" for an empty one', line);
}

/**
 * Reads gather-sim's text form of a scenario file (see `formatScenarioText`) into the JSON
 * shape of one, with its keys in the order of docs/protocol.md#scenario, for `readScenarioFile` to
 * validate. Blank lines and lines starting with `#` are skipped. An issue names its line.
 */
export function parseScenarioText(text: string): ScenarioTextReading {
  const root = { tasks: [] as unknown[] };
  const file: Record<string, unknown> = {};
  const levels: Level[] = [{ depth: 0, gather: root, empty: false }];
  const lines = text.split('\n');
  let number = 0;
  try {
    for (const raw of lines) {
      number += 1;
      if (raw.length > INPUT_LIMITS.textLine)
        throw new TextError(
          `${raw.length} characters: the limit is ${INPUT_LIMITS.textLine} characters a line (docs/protocol.md#limits)`,
        );
      const line = raw.replace(/\r$/, '');
      const trimmed = line.trimStart();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      const spaces = line.length - trimmed.length;
      if (line.slice(0, spaces).includes('\t') || spaces % 2 !== 0)
        throw new TextError(
          `indent with two spaces per level of nesting, got ${JSON.stringify(line.slice(0, spaces))}`,
        );
      const depth = spaces / 2;
      while ((levels[levels.length - 1] as Level).depth > depth) checkTasks(levels.pop() as Level, number);
      if (depth > (levels[levels.length - 1] as Level).depth)
        throw new TextError('indented, but not below a "task N: gather" line');
      readLine(new LineReader(trimmed), levels, file);
    }
    while (levels.length > 0) checkTasks(levels.pop() as Level, number);
  } catch (error) {
    if (!(error instanceof TextError)) throw error;
    return { ok: false, issues: [{ path: `line ${error.line ?? number}`, message: error.message }] };
  }
  const { name, description, expect, cancelGatherAt, cancelTasks } = file;
  return {
    ok: true,
    value: {
      ...(name === undefined ? {} : { name }),
      ...(description === undefined ? {} : { description }),
      ...root,
      ...(cancelGatherAt === undefined ? {} : { cancelGatherAt }),
      ...(cancelTasks === undefined ? {} : { cancelTasks }),
      ...(expect === undefined ? {} : { expect }),
    },
  };
}
