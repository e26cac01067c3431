/*
 * SimFuture: a value that becomes available later in *simulated* time. Unlike a
 * native Promise its continuations never run as microtasks: they are queued on
 * the sim's ready queue and run in FIFO order inside the current step(), so
 * order is part of the deterministic run. A task waits for one with
 * `const v = yield* future`. Knows nothing of networks or protocols.
 */

/** Where settled futures queue their continuations (the Sim implements it). */
export interface ReadyQueue {
  defer(fn: () => void): void;
  /** `defer(() => fn(arg))` without a closure per call (futures settle on every await). */
  deferWith<A>(fn: (arg: A) => void, arg: A): void;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
type Listener<T> = (result: Settled<T>) => void;

export class SimFuture<T> {
  private result: Settled<T> | null = null;
  private listeners: Listener<T>[] | null = null; // allocated by the first listener

  constructor(private readonly ready: ReadyQueue) {}

  get settled(): boolean {
    return this.result !== null;
  }

  /** The settled result, or null while pending. */
  peek(): Settled<T> | null {
    return this.result;
  }

  /** Settles with a value. Returns false (and does nothing) if already settled. */
  resolve(value: T): boolean {
    return this.settle({ ok: true, value });
  }

  /** Settles with an error (thrown into waiting tasks). Returns false if already settled. */
  reject(error: unknown): boolean {
    return this.settle({ ok: false, error });
  }

  /**
   * Calls `listener` (from the ready queue, never synchronously) once settled.
   * Returns an unsubscribe function (used when a waiting task is cancelled).
   */
  onSettle(listener: Listener<T>): () => void {
    if (this.result) {
      const result = this.result;
      let live = true;
      this.ready.defer(() => live && listener(result));
      return () => (live = false);
    }
    this.subscribe(listener);
    return () => this.unsubscribe(listener);
  }

  /**
   * `onSettle` without an unsubscribe closure, for a caller that keeps the
   * listener (a task awaiting this future). Once settled, the call is already
   * queued and `unsubscribe` cannot stop it: the caller must ignore it.
   */
  subscribe(listener: Listener<T>): void {
    if (this.result) this.ready.deferWith(listener, this.result);
    else (this.listeners ??= []).push(listener);
  }

  unsubscribe(listener: Listener<T>): void {
    const i = this.listeners?.indexOf(listener) ?? -1;
    if (i >= 0) this.listeners?.splice(i, 1);
  }

  /** Lets a generator task write `const value = yield* future`. */
  *[Symbol.iterator](): Generator<SimFuture<unknown>, T, unknown> {
    const value = yield this as SimFuture<unknown>;
    return value as T;
  }

  private settle(result: Settled<T>): boolean {
    if (this.result) return false;
    this.result = result;
    const listeners = this.listeners;
    this.listeners = null;
    if (listeners !== null)
      for (const listener of listeners) this.ready.deferWith(listener, result);
    return true;
  }
}

export type { Settled };
