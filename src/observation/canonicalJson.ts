/** A container being written: its closing bracket and what is left to write in it. */
interface Open {
  readonly owner: object;
  readonly close: string;
  readonly items: [string | undefined, unknown][];
  next: number;
}

/**
 * JSON text with object keys sorted at every level, so equal data gives equal text whatever
 * order its keys were written in (an observation from another process, say). Written
 * without recursing, so any depth is fine; a cycle throws a TypeError, as in JSON.stringify.
 */
export function canonicalJson(value: unknown): string {
  let text = '';
  const open: Open[] = [];
  const ancestors = new Set<object>();
  let current: unknown = value;
  for (;;) {
    if (Array.isArray(current) || (typeof current === 'object' && current !== null)) {
      if (ancestors.has(current)) throw new TypeError('Converting circular structure to JSON');
      ancestors.add(current);
      if (Array.isArray(current)) {
        text += '[';
        open.push({ owner: current, close: ']', items: current.map((item: unknown) => [undefined, item]), next: 0 });
      } else {
        const record = current as Record<string, unknown>;
        const keys = Object.keys(record)
          .sort()
          .filter((key) => isWritable(record[key]));
        text += '{';
        open.push({ owner: record, close: '}', items: keys.map((key) => [key, record[key]]), next: 0 });
      }
    } else {
      // In an array, what JSON cannot hold is null, as JSON.stringify writes it.
      text += (JSON.stringify(current) as string | undefined) ?? 'null';
    }
    let top = open[open.length - 1];
    while (top !== undefined && top.next >= top.items.length) {
      text += top.close;
      open.pop();
      ancestors.delete(top.owner);
      top = open[open.length - 1];
    }
    if (top === undefined) return text;
    const [key, item] = top.items[top.next] as [string | undefined, unknown];
    if (top.next > 0) text += ',';
    if (key !== undefined) text += `${JSON.stringify(key)}:`;
    top.next += 1;
    current = item;
  }
}

/** Whether an object's key is written: not for undefined, a function or a symbol. */
function isWritable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}
