/** A scheduled virtual sleep that can be called off. */
export interface SleepHandle {
  cancel(): void;
}

/** Something woken at the end of a sleep: a callback, or an object (no closure to make). */
export type Sleeper = (() => void) | { wake(): void };

/** The events due at one instant, first-in-first-out; `live` counts those neither cancelled nor taken. */
interface Bucket {
  readonly at: number;
  readonly events: ClockEvent[];
  /** Events before it are all cancelled or taken. */
  head: number;
  live: number;
}

/** One event of a clock's own: a script's sleep or cleanup ending, an outer cancellation. It is its own handle. */
export class ClockEvent implements SleepHandle {
  cancelled = false;
  /** Its instant's bucket while it waits there; undefined once taken out. */
  bucket: Bucket | undefined;

  constructor(
    readonly at: number,
    readonly sleeper: Sleeper,
    bucket: Bucket,
  ) {
    this.bucket = bucket;
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    if (this.bucket !== undefined) this.bucket.live -= 1;
  }

  fire(): void {
    const { sleeper } = this;
    if (typeof sleeper === 'function') sleeper();
    else sleeper.wake();
  }
}

/** Whether an event still waits to fire: neither cancelled nor taken out. */
function waiting(event: ClockEvent): boolean {
  return !event.cancelled && event.bucket !== undefined;
}

/**
 * Events by time, first-in-first-out among equal times: a binary heap of instants, each with
 * the events due then in the order they were scheduled. Taking one event of a tie of n costs
 * O(1) for the first (O(k) for the k-th), so a tie of 100,000 sleeps fires in linear time.
 * Exact times, however far: no 2^31 ms limit.
 */
export class EventQueue {
  private readonly times: number[] = [];
  private readonly buckets = new Map<number, Bucket>();

  /** Schedules `sleeper` at virtual time `at`. */
  add(at: number, sleeper: Sleeper): ClockEvent {
    let bucket = this.buckets.get(at);
    if (bucket === undefined) {
      bucket = { at, events: [], head: 0, live: 0 };
      this.buckets.set(at, bucket);
      this.pushTime(at);
    }
    const event = new ClockEvent(at, sleeper, bucket);
    bucket.events.push(event);
    bucket.live += 1;
    return event;
  }

  /** The earliest event not cancelled, left in place. */
  peek(): ClockEvent | undefined {
    const bucket = this.earliest();
    return bucket === undefined ? undefined : bucket.events[bucket.head];
  }

  /** How many events wait at the earliest instant: more than one is a tie. */
  dueCount(): number {
    return this.earliest()?.live ?? 0;
  }

  /** Takes out the `index`-th (from 0, first-in-first-out) event waiting at the earliest instant. */
  take(index: number): ClockEvent | undefined {
    const bucket = this.earliest();
    if (bucket === undefined) return undefined;
    let seen = -1;
    for (let position = bucket.head; position < bucket.events.length; position += 1) {
      const event = bucket.events[position] as ClockEvent;
      if (!waiting(event)) continue;
      seen += 1;
      if (seen < index) continue;
      event.bucket = undefined;
      bucket.live -= 1;
      return event;
    }
    return undefined;
  }

  /** Drops every event: none fires, and the queue holds none of their sleepers. */
  clear(): void {
    this.times.length = 0;
    this.buckets.clear();
  }

  /** The bucket of the earliest instant with an event waiting, its head on that event. */
  private earliest(): Bucket | undefined {
    for (;;) {
      const at = this.times[0];
      if (at === undefined) return undefined;
      const bucket = this.buckets.get(at) as Bucket;
      if (bucket.live > 0) {
        while (!waiting(bucket.events[bucket.head] as ClockEvent)) bucket.head += 1;
        return bucket;
      }
      this.buckets.delete(at);
      this.popTime();
    }
  }

  private pushTime(at: number): void {
    const { times } = this;
    times.push(at);
    for (let index = times.length - 1; index > 0;) {
      const parent = (index - 1) >> 1;
      if ((times[parent] as number) <= at) break;
      times[index] = times[parent] as number;
      times[parent] = at;
      index = parent;
    }
  }

  private popTime(): void {
    const { times } = this;
    const last = times.pop();
    if (last === undefined || times.length === 0) return;
    times[0] = last;
    for (let index = 0; ;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let first = index;
      if (left < times.length && (times[left] as number) < (times[first] as number)) first = left;
      if (right < times.length && (times[right] as number) < (times[first] as number)) first = right;
      if (first === index) return;
      [times[index], times[first]] = [times[first] as number, times[index] as number];
      index = first;
    }
  }
}
