/**
 * A scenario feature that can make a subject depart from asyncio.gather, and that
 * `removeTrigger` can take out of any scenario while keeping it valid. Listed in
 * {@link TRIGGERS} most specific first, timing last (shrinking drives times to 0, so ties
 * and 0 ms sleeps come with most counterexamples): that order names the trigger of a
 * departure when removing more than one of them makes the failure go away.
 */
export type Trigger =
  | 'duplicates'
  | 'on-cancel-ignore'
  | 'on-cancel-cleanup-error'
  | 'on-cancel-cleanup'
  | 'cancel-task'
  | 'cancel-gather'
  | 'return-exceptions'
  | 'beyond-2^31'
  | 'empty'
  | 'nested'
  | 'error'
  | 'zero-delay'
  | 'ties';

/** Every trigger, most specific first (the priority that names a departure's trigger). */
export const TRIGGERS: readonly Trigger[] = [
  'duplicates',
  'on-cancel-ignore',
  'on-cancel-cleanup-error',
  'on-cancel-cleanup',
  'cancel-task',
  'cancel-gather',
  'return-exceptions',
  'beyond-2^31',
  'empty',
  'nested',
  'error',
  'zero-delay',
  'ties',
];

/** What each trigger is, in a few words, for reports. */
export const TRIGGER_DESCRIPTIONS: Readonly<Record<Trigger, string>> = {
  duplicates: 'the same child passed twice',
  'on-cancel-ignore': 'a child that ignores cancellation',
  'on-cancel-cleanup-error': 'a cleanup that raises on cancellation',
  'on-cancel-cleanup': 'a child that cleans up when cancelled',
  'cancel-task': 'a child cancelled from outside',
  'cancel-gather': 'the gather cancelled from outside',
  'return-exceptions': 'returnExceptions',
  'beyond-2^31': 'a sleep beyond 2^31-1 ms',
  empty: 'a gather of no children',
  nested: 'a nested gather',
  ties: 'events due at one instant',
  'zero-delay': 'a child that settles after 0 ms',
  error: 'a child that fails, in its script or its cleanup',
};

/** Narrows any value to a trigger's name. */
export function isTrigger(value: unknown): value is Trigger {
  return (TRIGGERS as readonly unknown[]).includes(value);
}
