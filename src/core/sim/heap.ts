/*
 * The event queue: a binary min-heap of scheduled events ordered by
 * (timeUs, seq). `seq` is a global counter assigned at schedule time, so events
 * due at the same microsecond run first-in first-out. Cancelled events stay in
 * the heap (removal would be O(n)) and are skipped when they surface. Knows
 * nothing of what an event does.
 */

export interface ScheduledEvent {
  readonly timeUs: number;
  readonly seq: number;
  readonly label: string;
  run: (() => void) | null; // null once cancelled or run
}

/**
 * A scheduled event that is also its own cancellation handle: one allocation
 * per schedule instead of an event plus a closure (the engine's hot path).
 */
export class Timer implements ScheduledEvent {
  constructor(
    readonly timeUs: number,
    readonly seq: number,
    readonly label: string,
    public run: (() => void) | null,
  ) {}

  get dueUs(): number {
    return this.timeUs;
  }

  /** Prevents the timer from firing; a cancelled timer is not an event. */
  cancel(): void {
    this.run = null;
  }
}

export class EventHeap {
  private readonly items: ScheduledEvent[] = [];

  get size(): number {
    return this.items.length;
  }

  push(event: ScheduledEvent): void {
    const items = this.items;
    let i = items.length;
    items.push(event);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent] as ScheduledEvent;
      if (!before(event, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = event;
  }

  peek(): ScheduledEvent | undefined {
    return this.items[0];
  }

  pop(): ScheduledEvent | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    const n = items.length;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n && before(items[right] as ScheduledEvent, items[left] as ScheduledEvent)) child = right;
      const c = items[child] as ScheduledEvent;
      if (!before(c, last)) break;
      items[i] = c;
      i = child;
    }
    items[i] = last;
    return top;
  }
}

function before(a: ScheduledEvent, b: ScheduledEvent): boolean {
  return a.timeUs < b.timeUs || (a.timeUs === b.timeUs && a.seq < b.seq);
}
