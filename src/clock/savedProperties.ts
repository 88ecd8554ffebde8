/** One property of an object a run guards: put back as it was found, whatever the subject assigned. */
export type GuardedProperty = readonly [target: object, key: PropertyKey];

/** The properties as found, to {@link restoreProperties}. */
export type SavedProperties = readonly (readonly [
  target: object,
  key: PropertyKey,
  found: PropertyDescriptor | undefined,
])[];

/** Reads each property's own descriptor (undefined when it has none of its own, e.g. it is inherited). */
export function saveProperties(properties: readonly GuardedProperty[]): SavedProperties {
  return properties.map(([target, key]) => [target, key, Reflect.getOwnPropertyDescriptor(target, key)] as const);
}

const sameDescriptor = (a: PropertyDescriptor, b: PropertyDescriptor): boolean =>
  a.value === b.value &&
  a.get === b.get &&
  a.set === b.set &&
  a.writable === b.writable &&
  a.enumerable === b.enumerable &&
  a.configurable === b.configurable;

/**
 * Puts every property back as {@link saveProperties} found it: the same value (identity) and
 * attributes, or no own property where there was none (an own `Date.now` assigned over an
 * inherited one is deleted). A property made non-configurable meanwhile is left as it is:
 * nothing can change it.
 */
export function restoreProperties(saved: SavedProperties): void {
  for (const [target, key, found] of saved) {
    const now = Reflect.getOwnPropertyDescriptor(target, key);
    if (found === undefined) {
      if (now !== undefined) Reflect.deleteProperty(target, key);
    } else if (now === undefined || !sameDescriptor(found, now)) {
      Reflect.defineProperty(target, key, found);
    }
  }
}
