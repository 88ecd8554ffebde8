/** A scheduled virtual sleep that can be called off. */
export interface SleepHandle {
  cancel(): void;
}

/** Something woken at the end of a sleep: a callback, or an object (no closure to make). */
export type Sleeper = (() => void) | { wake(): void };

/** One event of a clock's own: a script's sleep or cleanup ending, an outer cancellation. It is its own handle. */
export class ClockEvent implements SleepHandle {
  cancelled = false;

  constructor(
    readonly at: number,
    readonly order: number,
    readonly sleeper: Sleeper,
  ) {}

  cancel(): void {
    this.cancelled = true;
  }

  fire(): void {
    const { sleeper } = this;
    if (typeof sleeper === 'function') sleeper();
    else sleeper.wake();
  }
}

function earlier(a: ClockEvent, b: ClockEvent): boolean {
  return a.at < b.at || (a.at === b.at && a.order < b.order);
}

/**
 * Events by time, first-in-first-out among equal times: a binary heap, cancelled events
 * dropped as they reach the front. Exact times, however far: no 2^31 ms limit.
 */
export class EventQueue {
  private readonly heap: ClockEvent[] = [];
  private order = 0;

  /** Schedules `sleeper` at virtual time `at`. */
  add(at: number, sleeper: Sleeper): ClockEvent {
    const event = new ClockEvent(at, this.order, sleeper);
    this.order += 1;
    this.push(event);
    return event;
  }

  /**
   * Takes out the earliest event and every other one due at the same time, first-in-first-out:
   * more than one is a tie. Put back those not fired with {@link push}.
   */
  takeDue(): ClockEvent[] {
    const first = this.peek();
    if (first === undefined) return [];
    const due = [first];
    this.remove();
    for (let next = this.peek(); next !== undefined && next.at === first.at; next = this.peek()) {
      due.push(next);
      this.remove();
    }
    return due;
  }

  /** Puts an event (back) in its place: by time, then by when it was first scheduled. */
  push(event: ClockEvent): void {
    const { heap } = this;
    heap.push(event);
    for (let index = heap.length - 1; index > 0;) {
      const parent = (index - 1) >> 1;
      if (!earlier(heap[index] as ClockEvent, heap[parent] as ClockEvent)) break;
      [heap[index], heap[parent]] = [heap[parent] as ClockEvent, heap[index] as ClockEvent];
      index = parent;
    }
  }

  /** The earliest event not cancelled, left in place. */
  peek(): ClockEvent | undefined {
    const { heap } = this;
    while (heap.length > 0 && (heap[0] as ClockEvent).cancelled) this.remove();
    return heap[0];
  }

  /** Takes out the earliest event (see {@link peek}). */
  remove(): void {
    const { heap } = this;
    const last = heap.pop();
    if (last === undefined || heap.length === 0) return;
    heap[0] = last;
    for (let index = 0; ;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let first = index;
      if (left < heap.length && earlier(heap[left] as ClockEvent, heap[first] as ClockEvent)) first = left;
      if (right < heap.length && earlier(heap[right] as ClockEvent, heap[first] as ClockEvent)) first = right;
      if (first === index) return;
      [heap[index], heap[first]] = [heap[first] as ClockEvent, heap[index] as ClockEvent];
      index = first;
    }
  }
}
