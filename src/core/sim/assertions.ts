/*
 * Antithesis/FoundationDB-style assertions that never throw, they count:
 * `always(cond)` must hold every time it is evaluated (a failure is a violation
 * and fails the run), `sometimes(cond)` should hold at least once over a sweep
 * (never holding is a coverage gap, not a failure), `reachable` should be
 * reached, `unreachable` must not be. Sites are registered up front so "never
 * reached" is visible. Knows nothing of what is being asserted.
 */

export type AssertionKind = 'always' | 'sometimes' | 'reachable' | 'unreachable';

export interface AssertionResult {
  readonly name: string;
  readonly kind: AssertionKind;
  /** Times the condition held (for reachable: times reached). */
  readonly pass: number;
  /** Times it failed (for unreachable: times reached). */
  readonly fail: number;
}

export interface Violation {
  readonly name: string;
  readonly timeUs: number;
  readonly node: string;
  readonly message: string;
  /** Seq of its invariant_violated event (for "Why?"). */
  readonly seq: number;
}

/**
 * How assertions report a violation to the world (trace it, stop playback...).
 * `tracedMessage`, when given, is what enters the hashed trace instead of the
 * full message (which may hold engine-specific text).
 */
export type ViolationSink = (
  violation: Omit<Violation, 'timeUs' | 'seq'>,
  tracedMessage?: string,
) => Violation;

interface Counter {
  kind: AssertionKind;
  pass: number;
  fail: number;
}

export class Assertions {
  private readonly counters = new Map<string, Counter>();
  readonly violations: Violation[] = [];

  constructor(private readonly sink: ViolationSink) {}

  /** Declares a site so that it is reported even if never evaluated. */
  register(name: string, kind: AssertionKind): void {
    const existing = this.counters.get(name);
    if (existing && existing.kind !== kind) {
      throw new Error(`assertion "${name}" registered as ${existing.kind} and as ${kind}`);
    }
    if (!existing) this.counters.set(name, { kind, pass: 0, fail: 0 });
  }

  always(cond: boolean, name: string, node = '', detail = '', tracedDetail?: string): boolean {
    return this.check(this.counter(name, 'always'), cond, name, node, detail, tracedDetail);
  }

  /**
   * `always(cond, name, …)` bound to one registered name: a checker that runs
   * on every packet skips the lookup by name.
   */
  alwaysFor(name: string): (cond: boolean, node: string, detail: string) => boolean {
    const c = this.counter(name, 'always');
    return (cond, node, detail) => this.check(c, cond, name, node, detail);
  }

  private check(
    c: Counter,
    cond: boolean,
    name: string,
    node: string,
    detail: string,
    tracedDetail?: string,
  ): boolean {
    if (cond) c.pass++;
    else {
      c.fail++;
      this.violations.push(
        this.sink({ name, node, message: detail || `always(${name}) failed` }, tracedDetail),
      );
    }
    return cond;
  }

  sometimes(cond: boolean, name: string): boolean {
    const c = this.counter(name, 'sometimes');
    if (cond) c.pass++;
    else c.fail++;
    return cond;
  }

  reachable(name: string): void {
    this.counter(name, 'reachable').pass++;
  }

  unreachable(name: string, node = '', detail = ''): void {
    this.counter(name, 'unreachable').fail++;
    this.violations.push(
      this.sink({ name, node, message: detail || `unreachable(${name}) was reached` }),
    );
  }

  /** Every registered or evaluated assertion, sorted by name. */
  report(): AssertionResult[] {
    return [...this.counters.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, c]) => ({ name, kind: c.kind, pass: c.pass, fail: c.fail }));
  }

  private counter(name: string, kind: AssertionKind): Counter {
    let c = this.counters.get(name);
    if (!c) {
      c = { kind, pass: 0, fail: 0 };
      this.counters.set(name, c);
    }
    return c;
  }
}
