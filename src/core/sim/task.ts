/*
 * Deterministic coroutines. A task is a generator function that `yield*`s sim
 * futures; the executor resumes it synchronously, from the sim's ready queue,
 * when the awaited future settles — so workload code reads sequentially without
 * native promises. Cancelling closes the generator (its `finally` blocks run).
 * A task that throws is reported, never kills the engine. Knows nothing of the
 * network; protocol layers are plain state machines, not tasks.
 */
import { describeError, TaskCancelled } from './errors';
import { SimFuture, type ReadyQueue, type Settled } from './future';

export type TaskBody<T> = Generator<SimFuture<unknown>, T, unknown>;

/** What the executor needs from the world: deferral, and a place to report crashes. */
export interface TaskHost extends ReadyQueue {
  taskFailed(task: Task<unknown>, error: unknown): void;
  /** The task finished (returned, threw or was cancelled): the host can forget it. */
  taskEnded(task: Task<unknown>): void;
}

const START: Settled<unknown> = Object.freeze({ ok: true, value: undefined });

export class Task<T> {
  /** Settles with the task's return value, or rejects with what it threw or TaskCancelled. */
  readonly done: SimFuture<T>;
  /** The future the task waits on, and the one listener it uses for every await. */
  private awaiting: SimFuture<unknown> | null = null;
  private readonly onSettled = (result: Settled<unknown>): void => this.resume(result);
  private finished = false;

  constructor(
    private readonly host: TaskHost,
    readonly name: string,
    readonly node: string,
    private readonly body: TaskBody<T>,
  ) {
    this.done = new SimFuture<T>(host);
    this.done.subscribe(() => host.taskEnded(this as Task<unknown>));
    host.deferWith(this.onSettled, START);
  }

  get running(): boolean {
    return !this.finished;
  }

  /** Stops the task: its generator is closed (finally blocks run) and `done` rejects. */
  cancel(): void {
    if (this.finished) return;
    this.finished = true;
    this.awaiting?.unsubscribe(this.onSettled);
    this.awaiting = null;
    try {
      this.body.return(undefined as T);
    } catch (error) {
      this.host.taskFailed(this as Task<unknown>, error);
    }
    this.done.reject(new TaskCancelled(this.name));
  }

  private resume(input: Settled<unknown>): void {
    if (this.finished) return; // cancelled after its wake-up was queued
    this.awaiting = null;
    let step: IteratorResult<SimFuture<unknown>, T>;
    try {
      step = input.ok ? this.body.next(input.value) : this.body.throw(input.error);
    } catch (error) {
      this.finished = true;
      this.host.taskFailed(this as Task<unknown>, error);
      this.done.reject(error);
      return;
    }
    if (step.done) {
      this.finished = true;
      this.done.resolve(step.value);
      return;
    }
    const awaited = step.value;
    if (!(awaited instanceof SimFuture)) {
      this.resume({
        ok: false,
        error: new TypeError(`task ${this.name} yielded a non-future; use yield* on sim futures`),
      });
      return;
    }
    this.awaiting = awaited;
    awaited.subscribe(this.onSettled);
  }
}

export { describeError };
