import type { ScenarioIssue } from './validateScenario.js';

/**
 * What gather-sim's readers accept (docs/protocol.md#limits): input beyond a limit gets an
 * error naming the limit, the place and the value, before any work on it starts.
 */
export const INPUT_LIMITS = {
  /** Bytes of a scenario file, of standard input, of one protocol request line. */
  bytes: 16 * 1024 * 1024,
  /**
   * Bytes of one answer line of an external subject: larger, as a valid observation can
   * repeat a value of a 16 MiB scenario many times (a value passed to several tasks).
   */
  answerBytes: 256 * 1024 * 1024,
  /** Characters of one line of the text form. */
  textLine: 1024 * 1024,
  /** Levels of arrays and objects inside one another in one JSON document. */
  depth: 256,
  /** Tasks of a scenario, all its nested gathers together. */
  tasks: 200_000,
  /** Entries of `args`, all gathers of a scenario together. */
  args: 200_000,
  /** Entries of `cancelTasks`. */
  cancelTasks: 200_000,
} as const;

/** Joins a JSON path and a key or index. */
export function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** A long JSON path with its middle left out at whole steps (`tasks[0].value[0][0]...[0][0]`), so a message stays readable. */
export function shortenPath(path: string): string {
  if (path.length <= 80) return path;
  const steps = path.match(/\[\d+\]|\.?[^.[]+/g) ?? [path];
  let head = '';
  let first = 0;
  for (const step of steps) {
    if (head.length + step.length > 40) break;
    head += step;
    first += 1;
  }
  let tail = '';
  for (const step of steps.slice(first).reverse()) {
    if (tail.length + step.length > 37) break;
    tail = `${step}${tail}`;
  }
  return `${head}...${tail}`;
}

interface Frame {
  readonly value: object;
  /** The frame of the value holding this one (undefined at the top), and its key there. */
  readonly parent: Frame | undefined;
  readonly key: string | number;
  readonly depth: number;
  /** Set once the frame's children are on the stack: popping it again leaves it. */
  entered: boolean;
}

/** The JSON path of a frame's value under `base`: built only for an issue, never per value. */
function pathOf(frame: Frame | undefined, base: string): string {
  const keys: (string | number)[] = [];
  for (let at = frame; at?.parent !== undefined; at = at.parent) keys.push(at.key);
  let path = base;
  for (let index = keys.length - 1; index >= 0; index -= 1) path = joinPath(path, keys[index] as string | number);
  return path;
}

/** Puts an object `item` of `frame`'s value on the stack, at `key`; a cycle if it is one of its ancestors. */
function visit(
  stack: Frame[],
  ancestors: ReadonlySet<object>,
  frame: Frame,
  key: string | number,
  item: unknown,
  base: string,
): ScenarioIssue | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  if (ancestors.has(item))
    return { path: shortenPath(joinPath(pathOf(frame, base), key)), message: 'a cycle: the value contains itself' };
  stack.push({ value: item, parent: frame, key, depth: frame.depth + 1, entered: false });
  return undefined;
}

/** Levels the quick look of {@link shallowAndAcyclic} goes down, recursing, before it leaves a value to the full walk. */
const QUICK_DEPTH = 32;

/**
 * The quick look first taken by {@link checkJsonShape}: true when `value` (an object, under
 * `ancestors`) is at most {@link QUICK_DEPTH} levels deep and holds no cycle, as a scenario
 * almost always is; false when it cannot tell, and the full walk finds the issue, if any.
 * Shallow, it recurses safely, and finds a cycle by looking along its short list of
 * ancestors: no frame per object, and no set to hash every object into.
 */
function shallowAndAcyclic(value: object, ancestors: object[]): boolean {
  if (ancestors.length >= QUICK_DEPTH || ancestors.includes(value)) return false;
  ancestors.push(value);
  if (Array.isArray(value)) {
    const items = value as unknown[];
    for (let index = 0; index < items.length; index += 1) {
      const item = items[index];
      if (typeof item === 'object' && item !== null && !shallowAndAcyclic(item, ancestors)) return false;
    }
  } else {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      if (typeof item === 'object' && item !== null && !shallowAndAcyclic(item, ancestors)) return false;
    }
  }
  ancestors.pop();
  return true;
}

/**
 * Checks, never recursing more than {@link QUICK_DEPTH} levels, that a value is as deep as a JSON document may be
 * ({@link INPUT_LIMITS}.depth levels of arrays and objects) and holds no cycle. Returns the
 * first issue, naming its JSON path (under `base`), or undefined when the value is fine.
 * Run it before anything that walks a value recursively.
 */
export function checkJsonShape(value: unknown, base = ''): ScenarioIssue | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (shallowAndAcyclic(value, [])) return undefined;
  const ancestors = new Set<object>();
  const stack: Frame[] = [{ value, parent: undefined, key: '', depth: 1, entered: false }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.entered) {
      ancestors.delete(frame.value);
      stack.pop();
      continue;
    }
    if (frame.depth > INPUT_LIMITS.depth) {
      return {
        path: shortenPath(pathOf(frame, base)),
        message: `nested ${frame.depth} levels deep: the limit is ${INPUT_LIMITS.depth} levels of arrays and objects (docs/protocol.md#limits)`,
      };
    }
    frame.entered = true;
    ancestors.add(frame.value);
    // Item by item, building nothing per item but a frame per object: an array of millions of numbers costs no memory here.
    if (Array.isArray(frame.value)) {
      const items = frame.value as unknown[];
      for (let index = 0; index < items.length; index += 1) {
        const cycle = visit(stack, ancestors, frame, index, items[index], base);
        if (cycle !== undefined) return cycle;
      }
    } else {
      const record = frame.value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const cycle = visit(stack, ancestors, frame, key, record[key], base);
        if (cycle !== undefined) return cycle;
      }
    }
  }
  return undefined;
}
