/** One property of an object a run guards: put back as it was found, whatever the subject assigned. */
export type GuardedProperty = readonly [target: object, key: PropertyKey];

/** One property as found: its own descriptor (none when inherited or absent), and what reading it gave. */
interface SavedProperty {
  readonly target: object;
  readonly key: PropertyKey;
  readonly found: PropertyDescriptor | undefined;
  readonly value: unknown;
}

/**
 * The properties as found, to {@link restoreProperties}, with their `fingerprint`: the
 * values the caller reads cheaply (named reads, not reflection) to tell at once whether
 * anything changed.
 */
export interface SavedProperties {
  readonly properties: readonly SavedProperty[];
  readonly fingerprint: readonly unknown[];
}

/** Whether two fingerprints are equal, value by value (identity). */
export const sameValues = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a.length === b.length && a.every((value, index) => value === b[index]);

/** Whether the property reads as when it was saved: own or not as then, the same value (identity). */
const unchanged = ({ target, key, found, value }: SavedProperty): boolean =>
  Object.prototype.hasOwnProperty.call(target, key) === (found !== undefined) && Reflect.get(target, key) === value;

/**
 * Reads the own descriptor (undefined when there is none, e.g. it is inherited) and value of
 * each of `properties()`. When `fingerprint` is `previous`'s (the last run's, usually),
 * `previous` is returned instead: reflection on the global object cost a fifth of a run.
 */
export function saveProperties(
  properties: () => readonly GuardedProperty[],
  fingerprint: readonly unknown[],
  previous?: SavedProperties,
): SavedProperties {
  if (previous !== undefined && sameValues(previous.fingerprint, fingerprint)) return previous;
  return {
    fingerprint,
    properties: properties().map(([target, key]) => ({
      target,
      key,
      found: Reflect.getOwnPropertyDescriptor(target, key),
      value: Reflect.get(target, key) as unknown,
    })),
  };
}

/**
 * Puts every property back as {@link saveProperties} found it: the same value (identity) and
 * attributes, or no own property where there was none (an own `Date.now` assigned over an
 * inherited one is deleted). Nothing to do when `fingerprint` is as saved; a property that
 * reads as it did is left alone, and so is one made non-configurable meanwhile: nothing can
 * change it.
 */
export function restoreProperties(saved: SavedProperties, fingerprint: readonly unknown[]): void {
  if (sameValues(saved.fingerprint, fingerprint)) return;
  for (const property of saved.properties) {
    if (unchanged(property)) continue;
    const { target, key, found } = property;
    if (found === undefined) Reflect.deleteProperty(target, key);
    else Reflect.defineProperty(target, key, found);
  }
}
