/*
 * The event queue: a binary min-heap of scheduled events ordered by
 * (timeUs, seq). `seq` is a global counter assigned at schedule time, so events
 * due at the same microsecond run first-in first-out. Each event knows its
 * index in the heap, so a cancelled timer leaves at once (O(log n)) instead of
 * lingering until its time: calls with deadlines cancel a timer per call, and
 * dead timers would otherwise make every push and pop walk a deeper heap.
 * Knows nothing of what an event does.
 */

export interface ScheduledEvent {
  readonly timeUs: number;
  readonly seq: number;
  readonly label: string;
  run: (() => void) | null; // null once cancelled or run
  /** Position in the heap, or -1 when not in it. Maintained by EventHeap. */
  heapIndex: number;
  /** Seq of the trace event that caused it (-1: none). */
  readonly cause: number;
}

/**
 * A scheduled event that is also its own cancellation handle: one allocation
 * per schedule instead of an event plus a closure (the engine's hot path).
 */
export class Timer implements ScheduledEvent {
  heapIndex = -1;

  constructor(
    readonly timeUs: number,
    readonly seq: number,
    readonly label: string,
    public run: (() => void) | null,
    private readonly heap: EventHeap | null = null,
    /** Seq of the trace event that caused this timer (-1: none); its events descend from it. */
    readonly cause = -1,
  ) {}

  get dueUs(): number {
    return this.timeUs;
  }

  /** Prevents the timer from firing; a cancelled timer is not an event and leaves the queue. */
  cancel(): void {
    this.run = null;
    if (this.heapIndex >= 0) this.heap?.remove(this);
  }
}

export class EventHeap {
  private readonly items: ScheduledEvent[] = [];

  get size(): number {
    return this.items.length;
  }

  push(event: ScheduledEvent): void {
    this.items.push(event);
    this.siftUp(event, this.items.length - 1);
  }

  peek(): ScheduledEvent | undefined {
    return this.items[0];
  }

  pop(): ScheduledEvent | undefined {
    const top = this.items[0];
    if (top !== undefined) this.removeAt(0);
    return top;
  }

  /** Takes `event` out wherever it is (no-op if it is not in this heap). */
  remove(event: ScheduledEvent): void {
    const i = event.heapIndex;
    if (i >= 0 && this.items[i] === event) this.removeAt(i);
  }

  private removeAt(i: number): void {
    const items = this.items;
    const removed = items[i] as ScheduledEvent;
    removed.heapIndex = -1;
    const last = items.pop() as ScheduledEvent;
    if (last === removed) return; // it was the last slot
    // The last event fills the hole; it may belong above or below it.
    if (i > 0 && before(last, items[(i - 1) >> 1] as ScheduledEvent)) this.siftUp(last, i);
    else this.siftDown(last, i);
  }

  private siftUp(event: ScheduledEvent, from: number): void {
    const items = this.items;
    let i = from;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent] as ScheduledEvent;
      if (!before(event, p)) break;
      items[i] = p;
      p.heapIndex = i;
      i = parent;
    }
    items[i] = event;
    event.heapIndex = i;
  }

  private siftDown(event: ScheduledEvent, from: number): void {
    const items = this.items;
    const n = items.length;
    let i = from;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n && before(items[right] as ScheduledEvent, items[left] as ScheduledEvent))
        child = right;
      const c = items[child] as ScheduledEvent;
      if (!before(c, event)) break;
      items[i] = c;
      c.heapIndex = i;
      i = child;
    }
    items[i] = event;
    event.heapIndex = i;
  }
}

function before(a: ScheduledEvent, b: ScheduledEvent): boolean {
  return a.timeUs < b.timeUs || (a.timeUs === b.timeUs && a.seq < b.seq);
}
