/*
 * Growable typed-array columns and binary searches for the timeline index.
 * Plain data structures; nothing here knows about traces or drawing.
 */

type TypedArray = Float64Array | Int32Array | Uint32Array | Uint8Array | Int16Array;
type TypedCtor<T extends TypedArray> = new (length: number) => T;

/** A typed array that doubles its capacity when full. `data` may be longer than `length`. */
export class Column<T extends TypedArray> {
  data: T;
  length = 0;

  constructor(
    private readonly ctor: TypedCtor<T>,
    capacity = 1024,
  ) {
    this.data = new ctor(capacity);
  }

  push(value: number): number {
    if (this.length === this.data.length) {
      const next = new this.ctor(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length] = value;
    return this.length++;
  }

  clear(): void {
    this.length = 0;
  }
}

/** Strings to small integers (packet kinds, addresses, error names). */
export class Interner {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  get(id: number): string {
    return this.values[id] ?? '';
  }

  clear(): void {
    this.values.length = 0;
    this.ids.clear();
  }
}

/** First index in sorted `a[0..n)` whose value is ≥ `x` (n if none). */
export function lowerBound(a: ArrayLike<number>, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in sorted `a[0..n)` whose value is > `x` (n if none). */
export function upperBound(a: ArrayLike<number>, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Time intervals appended in start order, some still open. Answers "which
 * overlap [t0, t1]" by binary search: closed intervals no longer than
 * `longUs` are found among starts in [t0 − longUs, t1]; longer ones and open
 * ones are kept in two small side lists and checked one by one.
 */
export class Intervals {
  readonly start = new Column(Float64Array);
  /** End time; NaN while open. */
  readonly end = new Column(Float64Array);
  private readonly long = new Column(Int32Array, 64);
  readonly open = new Set<number>();

  constructor(readonly longUs: number) {}

  get count(): number {
    return this.start.length;
  }

  /** Appends an open interval; start times must not decrease. */
  add(startUs: number): number {
    this.end.push(Number.NaN);
    const i = this.start.push(startUs);
    this.open.add(i);
    return i;
  }

  close(i: number, endUs: number): void {
    if (!this.open.delete(i)) return;
    this.end.data[i] = endUs;
    if (endUs - (this.start.data[i] as number) > this.longUs) this.long.push(i);
  }

  isOpen(i: number): boolean {
    return Number.isNaN(this.end.data[i]);
  }

  /**
   * Indices of intervals overlapping [t0, t1] (open ones count as running to
   * +∞) into `out` (cleared first). Short closed intervals come in start order,
   * then long ones, then open ones.
   */
  query(t0: number, t1: number, out: number[]): number[] {
    out.length = 0;
    const s = this.start.data;
    const e = this.end.data;
    const n = this.start.length;
    const longUs = this.longUs;
    const hi = upperBound(s, n, t1);
    for (let i = lowerBound(s, n, t0 - longUs); i < hi; i++) {
      const end = e[i] as number;
      // NaN (open) fails both comparisons below; long ones are listed separately.
      if (end >= t0 && end - (s[i] as number) <= longUs) out.push(i);
    }
    const long = this.long.data;
    for (let k = 0; k < this.long.length; k++) {
      const i = long[k] as number;
      if ((s[i] as number) <= t1 && (e[i] as number) >= t0) out.push(i);
    }
    for (const i of this.open) if ((s[i] as number) <= t1) out.push(i);
    return out;
  }

  clear(): void {
    this.start.clear();
    this.end.clear();
    this.long.clear();
    this.open.clear();
  }
}
